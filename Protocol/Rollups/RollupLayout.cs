using System.Buffers.Binary;
using Obscuro.Protocol.Crypto;

namespace Obscuro.Protocol.Rollups;

/// <summary>
/// The secret map of a rollup blob: the position of each reveal option's group, and the execution order as one option
/// byte per transaction (the n-th transaction executed is the next unread one of the group that byte names). The
/// layout is encrypted with the layout key and never revealed; a reveal releases only one group's position.
/// <para>Plaintext format v1: <c>01 ‖ groupCount u8 ‖ (option u8 ‖ interval u64 ‖ offset u32 ‖ length u32 ‖ count u32)* ‖
/// order (one byte per transaction)</c>, integers big-endian.</para>
/// </summary>
public sealed record RollupLayout(IReadOnlyList<GroupPosition> Groups, byte[] ExecutionOrder)
{
    public const byte Version1 = 0x01;
    private const int GroupEntrySize = 1 + 8 + 4 + 4 + 4;

    public byte[] Encode()
    {
        var output = new byte[2 + (Groups.Count * GroupEntrySize) + ExecutionOrder.Length];
        output[0] = Version1;
        output[1] = (byte)Groups.Count;
        var position = 2;
        foreach (var group in Groups)
        {
            output[position] = (byte)group.Option;
            BinaryPrimitives.WriteUInt64BigEndian(output.AsSpan(position + 1), group.Interval);
            BinaryPrimitives.WriteInt32BigEndian(output.AsSpan(position + 9), group.Offset);
            BinaryPrimitives.WriteInt32BigEndian(output.AsSpan(position + 13), group.Length);
            BinaryPrimitives.WriteInt32BigEndian(output.AsSpan(position + 17), group.TransactionCount);
            position += GroupEntrySize;
        }

        ExecutionOrder.CopyTo(output, position);
        return output;
    }

    /// <summary>Parses and checks a layout against the blob it describes: groups in ascending option order, each option
    /// at most once, back to back from offset 0 to the blob's end, and an execution order that uses each group's
    /// transactions exactly.</summary>
    public static RollupLayout Decode(ReadOnlySpan<byte> plaintext, int blobLength)
    {
        if (plaintext.Length < 2 || plaintext[0] != Version1) throw new RollupBodyException("layout has an unknown version or is truncated");
        var groupCount = plaintext[1];
        if (groupCount > 5) throw new RollupBodyException($"layout lists {groupCount} groups; there are only 5 reveal options");
        if (plaintext.Length < 2 + (groupCount * GroupEntrySize)) throw new RollupBodyException("layout is truncated");
        var groups = new GroupPosition[groupCount];
        var expectedOffset = 0;
        var previousOption = -1;
        var counts = new int[5];
        var position = 2;
        for (var i = 0; i < groupCount; i++)
        {
            var option = plaintext[position];
            var interval = BinaryPrimitives.ReadUInt64BigEndian(plaintext[(position + 1)..]);
            var offset = BinaryPrimitives.ReadInt32BigEndian(plaintext[(position + 9)..]);
            var length = BinaryPrimitives.ReadInt32BigEndian(plaintext[(position + 13)..]);
            var count = BinaryPrimitives.ReadInt32BigEndian(plaintext[(position + 17)..]);
            position += GroupEntrySize;
            if (option > (byte)RevealOption.XL) throw new RollupBodyException($"layout names unknown reveal option {option}");
            if (option <= previousOption) throw new RollupBodyException("layout groups are not in ascending option order");
            if (offset != expectedOffset) throw new RollupBodyException($"group {(RevealOption)option} starts at {offset}, expected {expectedOffset}");
            if (length <= 0 || length > blobLength - offset) throw new RollupBodyException($"group {(RevealOption)option} has length {length}, which does not fit the blob");
            if (count <= 0) throw new RollupBodyException($"group {(RevealOption)option} declares {count} transactions");
            previousOption = option;
            expectedOffset = offset + length;
            counts[option] = count;
            groups[i] = new GroupPosition((RevealOption)option, interval, offset, length, count);
        }

        if (expectedOffset != blobLength) throw new RollupBodyException($"groups cover {expectedOffset} bytes of a {blobLength}-byte blob");
        var order = plaintext[position..].ToArray();
        foreach (var option in order)
        {
            if (option > (byte)RevealOption.XL || --counts[option] < 0) throw new RollupBodyException("execution order uses a group more often than it has transactions");
        }

        if (counts.Any(c => c != 0)) throw new RollupBodyException("execution order leaves transactions of a group unused");
        return new RollupLayout(groups, order);
    }
}
