using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Execution;

namespace Obscuro.Protocol.Tests.Transactions;

/// <summary>Deterministic test wallets that sign real EIP-1559 transactions for the L2.</summary>
internal static class Wallets
{
    public static readonly NetworkRules Rules = NetworkRules.Devnet;

    public static byte[] Key(int i) => Keccak256.HashToArray(System.Text.Encoding.ASCII.GetBytes($"wallet {i}"));

    public static Address AddressOf(int i) => Secp256k1.DeriveAddress(Key(i));

    public static byte[] Sign(int wallet, ulong nonce, Address to, UInt256 value, byte[]? data = null, ulong? chainId = null, ulong gasLimit = 21_000, ulong maxFeePerGas = 1_000_000_000) =>
        new DynamicFeeTransaction(chainId ?? Rules.ChainId, nonce, UInt256.Zero, new UInt256(maxFeePerGas), gasLimit, to, value, data ?? [], [])
            .Sign(Key(wallet))
            .Encode();

    public static KeySchedule Keys() => new(MasterSeed.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
}
