using System.IO.Compression;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Rollups;

/// <summary>
/// A group's plaintext: the RLP list of its signed transactions, compressed with raw Deflate (fast and close to Brotli
/// on transaction data, see notes/ethereum.md). Decompression is bounded so a hostile blob cannot exhaust memory.
/// </summary>
public static class GroupCompression
{
    public static byte[] Pack(IReadOnlyList<byte[]> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var payload = 0;
        foreach (var tx in transactions) payload += RlpLength.OfBytes(tx);
        var rlp = new byte[RlpLength.OfList(payload)];
        var writer = new RlpWriter(rlp);
        writer.WriteListPrefix(payload);
        foreach (var tx in transactions) writer.WriteBytes(tx);

        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(rlp);
        }

        return output.ToArray();
    }

    public static List<byte[]> Unpack(ReadOnlySpan<byte> compressed, int maxPlaintextBytes)
    {
        byte[] rlp;
        try
        {
            using var input = new MemoryStream(compressed.ToArray());
            using var deflate = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16384];
            int read;
            while ((read = deflate.Read(buffer)) > 0)
            {
                if (output.Length + read > maxPlaintextBytes) throw new RollupBodyException($"group decompresses to more than {maxPlaintextBytes} bytes");
                output.Write(buffer, 0, read);
            }

            rlp = output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new RollupBodyException("group is not valid Deflate data", e);
        }

        try
        {
            var reader = new RlpReader(rlp);
            var list = reader.ReadList();
            reader.EnsureEnd();
            var transactions = new List<byte[]>();
            while (!list.IsAtEnd) transactions.Add(list.ReadBytes().ToArray());
            return transactions;
        }
        catch (RlpException e)
        {
            throw new RollupBodyException("group is not an RLP list of transactions: " + e.Message, e);
        }
    }
}
