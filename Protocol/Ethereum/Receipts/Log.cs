using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Protocol.Ethereum.Receipts;

/// <summary>An event log as it is stored in a receipt: <c>rlp([address, [topic, …], data])</c>.</summary>
public sealed class Log
{
    public Log(Address address, IReadOnlyList<Hash256> topics, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        Address = address;
        Topics = topics;
        Data = data;
    }

    public Address Address { get; }

    public IReadOnlyList<Hash256> Topics { get; }

    public ReadOnlyMemory<byte> Data { get; }

    internal int EncodedLength => RlpLength.OfList(PayloadLength);

    private int PayloadLength => 1 + Address.Size + RlpLength.OfList(Topics.Count * (1 + Hash256.Size)) + RlpLength.OfBytes(Data.Span);

    internal void Write(ref RlpWriter writer)
    {
        writer.WriteListPrefix(PayloadLength);
        writer.WriteAddress(Address);
        writer.WriteListPrefix(Topics.Count * (1 + Hash256.Size));
        for (var i = 0; i < Topics.Count; i++)
        {
            writer.WriteHash(Topics[i]);
        }

        writer.WriteBytes(Data.Span);
    }

    internal static Log Read(ref RlpReader reader)
    {
        var fields = reader.ReadList();
        var address = fields.ReadAddress();
        var topicsReader = fields.ReadList();
        var topics = new Hash256[RlpItems.Count(topicsReader)];
        for (var i = 0; i < topics.Length; i++)
        {
            topics[i] = topicsReader.ReadHash();
        }

        var data = fields.ReadBytes().ToArray();
        fields.EnsureEnd();
        return new Log(address, topics, data);
    }
}
