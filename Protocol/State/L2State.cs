using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.State;

/// <summary>
/// The whole L2 state after one rollup. Immutable: a rollup's successor shares all untouched parts with it, so a node
/// keeps one of these per rollup of every fork it follows.
/// </summary>
/// <param name="Accounts">ETH balance and nonce per account.</param>
/// <param name="TokenBalances">Wrapped-token balance per (token, holder).</param>
/// <param name="Tokens">Allow-listed tokens by their wrapped L2 address, learned from verified L1 data.</param>
/// <param name="RewardPool">Fees collected and not yet paid out as rewards (wei).</param>
/// <param name="NextDepositId">The L1 bridge's id of the next deposit to credit: deposits apply in id order, once.</param>
public sealed record L2State(
    PersistentMap<AccountState> Accounts,
    PersistentMap<TokenBalance> TokenBalances,
    ImmutableSortedDictionary<Address, TokenInfo> Tokens,
    UInt256 RewardPool,
    ulong NextDepositId)
{
    public static readonly L2State Genesis = new(
        PersistentMap<AccountState>.Empty,
        PersistentMap<TokenBalance>.Empty,
        ImmutableSortedDictionary<Address, TokenInfo>.Empty,
        UInt256.Zero,
        0);

    public AccountState GetAccount(in Address address) => Accounts.GetValueOrDefault(StateKeys.Account(address));

    public UInt256 GetTokenBalance(in Address l2Token, in Address holder) =>
        TokenBalances.GetValueOrDefault(StateKeys.TokenHolding(l2Token, holder)).Amount;

    /// <summary>
    /// SHA-256 over every part of the state: the two map roots, the token registry, the pool and the deposit cursor.
    /// Never published as is; rollup headers carry a keyed commitment to it (<see cref="Crypto.StateCommitment"/>).
    /// </summary>
    public Hash256 ComputeRoot()
    {
        var buffer = new byte[(3 * 32) + 32 + 8 + (Tokens.Count * (Address.Size + Address.Size + 1))];
        Accounts.RootHash.CopyTo(buffer);
        TokenBalances.RootHash.CopyTo(buffer.AsSpan(32));
        RewardPool.WriteBigEndian(buffer.AsSpan(64));
        BinaryPrimitives.WriteUInt64BigEndian(buffer.AsSpan(96), NextDepositId);
        var position = 104;
        foreach (var token in Tokens.Values)
        {
            token.L1Token.CopyTo(buffer.AsSpan(position));
            token.L2Address.CopyTo(buffer.AsSpan(position + Address.Size));
            buffer[position + (2 * Address.Size)] = (byte)token.RevealOption;
            position += (2 * Address.Size) + 1;
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(buffer.AsSpan(0, position), digest);
        return new Hash256(digest);
    }

    public TokenInfo? FindToken(in Address l2Token) => Tokens.TryGetValue(l2Token, out var token) ? token : null;
}
