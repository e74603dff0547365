namespace Obscuro.Protocol.Ethereum.Rlp;

/// <summary>Convenience encoders for single items, used where building a whole structure by hand is overkill.</summary>
public static class RlpEncoding
{
    public static byte[] EncodeBytes(ReadOnlySpan<byte> value)
    {
        var output = new byte[RlpLength.OfBytes(value)];
        var writer = new RlpWriter(output);
        writer.WriteBytes(value);
        return output;
    }

    public static byte[] EncodeUInt(ulong value)
    {
        var output = new byte[RlpLength.OfUInt(value)];
        var writer = new RlpWriter(output);
        writer.WriteUInt(value);
        return output;
    }

    public static byte[] EncodeUInt(in UInt256 value)
    {
        var output = new byte[RlpLength.OfUInt(value)];
        var writer = new RlpWriter(output);
        writer.WriteUInt(value);
        return output;
    }

    /// <summary>Wraps items that are already encoded into a list.</summary>
    public static byte[] EncodeList(IReadOnlyList<byte[]> encodedItems)
    {
        ArgumentNullException.ThrowIfNull(encodedItems);
        var payload = 0;
        foreach (var item in encodedItems) payload += item.Length;
        var output = new byte[RlpLength.OfList(payload)];
        var writer = new RlpWriter(output);
        writer.WriteListPrefix(payload);
        foreach (var item in encodedItems) writer.WriteEncoded(item);
        return output;
    }
}
