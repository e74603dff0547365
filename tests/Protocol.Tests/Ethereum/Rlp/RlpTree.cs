using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Tests.Ethereum.Rlp;

/// <summary>A decoded RLP item (a byte string or a list of items), for structural round-trip tests.</summary>
public abstract record RlpTree
{
    public static RlpTree Str(string ascii) => new RlpString(System.Text.Encoding.ASCII.GetBytes(ascii));

    public static RlpTree List(params RlpTree[] items) => new RlpList(items);

    public abstract int EncodedLength { get; }

    public byte[] Encode()
    {
        var output = new byte[EncodedLength];
        var writer = new RlpWriter(output);
        Write(ref writer);
        Assert.Equal(output.Length, writer.Position);
        return output;
    }

    public static RlpTree Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var tree = Read(ref reader);
        reader.EnsureEnd();
        return tree;
    }

    internal abstract void Write(ref RlpWriter writer);

    private static RlpTree Read(ref RlpReader reader)
    {
        if (!reader.NextIsList)
        {
            return new RlpString(reader.ReadBytes().ToArray());
        }

        var list = reader.ReadList();
        var items = new List<RlpTree>();
        while (!list.IsAtEnd)
        {
            items.Add(Read(ref list));
        }

        return new RlpList([.. items]);
    }
}

public sealed record RlpString(byte[] Value) : RlpTree
{
    public override int EncodedLength => RlpLength.OfBytes(Value);

    internal override void Write(ref RlpWriter writer) => writer.WriteBytes(Value);

    public bool Equals(RlpString? other) => other is not null && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode() => Value.Length;

    public override string ToString() => Convert.ToHexStringLower(Value);
}

public sealed record RlpList(RlpTree[] Items) : RlpTree
{
    public override int EncodedLength => RlpLength.OfList(Items.Sum(i => i.EncodedLength));

    internal override void Write(ref RlpWriter writer)
    {
        writer.WriteListPrefix(Items.Sum(i => i.EncodedLength));
        foreach (var item in Items)
        {
            item.Write(ref writer);
        }
    }

    public bool Equals(RlpList? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;

    public override string ToString() => "[" + string.Join(", ", Items.Select(i => i.ToString())) + "]";
}
