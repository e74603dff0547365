using System.Collections.Immutable;
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

    public TokenInfo? FindToken(in Address l2Token) => Tokens.TryGetValue(l2Token, out var token) ? token : null;
}
