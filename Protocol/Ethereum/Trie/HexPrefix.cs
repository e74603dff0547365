namespace Obscuro.Protocol.Ethereum.Trie;

/// <summary>
/// Hex-prefix encoding of a nibble path (Yellow Paper, appendix C): the first nibble is a flag (2 for a leaf, 0 for
/// an extension, plus 1 for an odd path length); an odd path's first nibble shares the first byte, an even path pads
/// the flag with a zero nibble.
/// </summary>
internal static class HexPrefix
{
    internal static int Length(int nibbleCount) => (nibbleCount / 2) + 1;

    internal static int Encode(ReadOnlySpan<byte> nibbles, bool isLeaf, Span<byte> destination)
    {
        var flag = isLeaf ? 2 : 0;
        var odd = nibbles.Length % 2;
        int next;
        if (odd == 1)
        {
            destination[0] = (byte)(((flag + 1) << 4) | nibbles[0]);
            next = 1;
        }
        else
        {
            destination[0] = (byte)(flag << 4);
            next = 0;
        }

        var written = 1;
        for (; next < nibbles.Length; next += 2)
        {
            destination[written++] = (byte)((nibbles[next] << 4) | nibbles[next + 1]);
        }

        return written;
    }
}
