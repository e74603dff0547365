using System.Buffers.Binary;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Protocol.Tests.Execution;

/// <summary>Builds admitted transactions directly (execution does not look at signatures).</summary>
internal static class TestTransactions
{
    public static Address Addr(int i) => new(Keccak256.HashToArray(BitConverter.GetBytes(i)).AsSpan(12));

    public static L2Transaction Tx(Address from, ulong nonce, Address to, ulong value, byte[]? data = null)
    {
        var hash = Keccak256.Hash([.. from.ToArray(), .. BitConverter.GetBytes(nonce)]);
        return new L2Transaction(hash, from, nonce, to, new UInt256(value), data ?? [], 21_000, new UInt256(1_000_000_000_000), []);
    }

    public static byte[] Call(uint selector, params byte[][] words)
    {
        var data = new byte[4 + (32 * words.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(data, selector);
        for (var i = 0; i < words.Length; i++) words[i].CopyTo(data, 4 + (32 * i) + (32 - words[i].Length));
        return data;
    }

    public static byte[] Word(ulong value) => new UInt256(value).ToBigEndianArray();

    public static NetworkRules Rules => NetworkRules.Devnet with { TransactionFee = new UInt256(10) };

    public static byte[] TransferCall(Address to, ulong amount) => Call(HardCodedContracts.TransferSelector, to.ToArray(), Word(amount));

    public static byte[] WithdrawTokenCall(Address l1Token, ulong amount, Address recipient) =>
        Call(HardCodedContracts.WithdrawTokenSelector, l1Token.ToArray(), Word(amount), recipient.ToArray());
}
