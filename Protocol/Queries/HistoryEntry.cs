using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Queries;

/// <summary>
/// One line of an account's history: a transaction it sent (<see cref="Outgoing"/>), or a transfer it received.
/// <see cref="Token"/> is zero for ETH; <see cref="Counterparty"/> is the recipient of an outgoing transaction (for a
/// withdrawal, its L1 recipient) or the sender of an incoming one.
/// </summary>
public sealed record HistoryEntry(Hash256 TransactionHash, bool Outgoing, Address Counterparty, Address Token, UInt256 Amount, TransactionState State, ulong Generation)
{
    public byte[] Encode() => RlpEncoding.EncodeList([
        RlpEncoding.EncodeBytes(TransactionHash.ToArray()), RlpEncoding.EncodeUInt(Outgoing ? 1UL : 0UL), RlpEncoding.EncodeBytes(Counterparty.ToArray()),
        RlpEncoding.EncodeBytes(Token.ToArray()), RlpEncoding.EncodeUInt(Amount), RlpEncoding.EncodeUInt((ulong)State), RlpEncoding.EncodeUInt(Generation)]);

    public static byte[] EncodeList(IEnumerable<HistoryEntry> entries) => RlpEncoding.EncodeList([.. entries.Select(e => e.Encode())]);

    public static List<HistoryEntry> DecodeList(ReadOnlySpan<byte> payload)
    {
        var reader = new RlpReader(payload);
        var list = reader.ReadList();
        reader.EnsureEnd();
        var entries = new List<HistoryEntry>();
        while (!list.IsAtEnd)
        {
            var item = list.ReadList();
            var hash = item.ReadHash();
            var outgoing = item.ReadUInt64() != 0;
            var entry = new HistoryEntry(hash, outgoing, item.ReadAddress(), item.ReadAddress(), item.ReadUInt256(), (TransactionState)item.ReadUInt64(), item.ReadUInt64());
            item.EnsureEnd();
            entries.Add(entry);
        }

        return entries;
    }
}
