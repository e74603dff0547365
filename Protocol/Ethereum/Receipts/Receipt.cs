using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Protocol.Ethereum.Receipts;

/// <summary>
/// A transaction receipt in its consensus form, the item of a block's receiptsRoot:
/// <c>rlp([statusOrPostState, cumulativeGasUsed, logsBloom, logs])</c>, prefixed with the type byte for typed
/// transactions. Since Byzantium (EIP-658) the first field is the status, 0x01 or empty; before it, a 32-byte state root.
/// The bloom is always computed from the logs, so a receipt cannot carry one that disagrees with them.
/// </summary>
public sealed class Receipt
{
    private const int BloomItemLength = 3 + Bloom.Size; // 0xb9 0x01 0x00 then the bytes

    public Receipt(TransactionType type, bool succeeded, ulong cumulativeGasUsed, IReadOnlyList<Log> logs)
        : this(type, succeeded, null, cumulativeGasUsed, logs)
    {
    }

    private Receipt(TransactionType type, bool? succeeded, Hash256? postState, ulong cumulativeGasUsed, IReadOnlyList<Log> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        if (type is < TransactionType.Legacy or > TransactionType.SetCode)
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown transaction type.");
        }

        Type = type;
        Succeeded = succeeded;
        PostState = postState;
        CumulativeGasUsed = cumulativeGasUsed;
        Logs = logs;
        LogsBloom = Bloom.FromLogs(logs);
    }

    public TransactionType Type { get; }

    /// <summary>The EIP-658 status; null for a pre-Byzantium receipt, which has <see cref="PostState"/> instead.</summary>
    public bool? Succeeded { get; }

    /// <summary>The state root after the transaction, in pre-Byzantium receipts only.</summary>
    public Hash256? PostState { get; }

    public ulong CumulativeGasUsed { get; }

    public Bloom LogsBloom { get; }

    public IReadOnlyList<Log> Logs { get; }

    public int EncodedLength => (Type == TransactionType.Legacy ? 0 : 1) + RlpLength.OfList(PayloadLength());

    /// <summary>A pre-Byzantium receipt, which records the post-transaction state root instead of a status.</summary>
    public static Receipt WithPostState(TransactionType type, Hash256 postState, ulong cumulativeGasUsed, IReadOnlyList<Log> logs) =>
        new(type, null, postState, cumulativeGasUsed, logs);

    public byte[] Encode()
    {
        var payload = PayloadLength();
        var offset = Type == TransactionType.Legacy ? 0 : 1;
        var output = new byte[offset + RlpLength.OfList(payload)];
        if (offset == 1)
        {
            output[0] = (byte)Type;
        }

        var writer = new RlpWriter(output.AsSpan(offset));
        writer.WriteListPrefix(payload);
        if (PostState is { } root)
        {
            writer.WriteHash(root);
        }
        else
        {
            writer.WriteUInt(Succeeded == true ? 1UL : 0UL);
        }

        writer.WriteUInt(CumulativeGasUsed);
        writer.WriteBytes(LogsBloom.Bytes);
        writer.WriteListPrefix(LogsPayloadLength());
        for (var i = 0; i < Logs.Count; i++)
        {
            Logs[i].Write(ref writer);
        }

        return output;
    }

    /// <summary>Decodes a consensus receipt (typed envelope or bare list) and checks its bloom against its logs.</summary>
    /// <exception cref="RlpException">Not exactly one canonical receipt, or its bloom does not match its logs.</exception>
    public static Receipt Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            throw new RlpException("A receipt cannot be empty.");
        }

        var type = TransactionType.Legacy;
        if (encoded[0] < 0x80)
        {
            type = (TransactionType)encoded[0];
            if (type is < TransactionType.AccessList or > TransactionType.SetCode)
            {
                throw new RlpException($"Receipt has unsupported transaction type 0x{encoded[0]:x2}.");
            }

            encoded = encoded[1..];
        }

        var field = "the receipt list";
        try
        {
            var outer = new RlpReader(encoded);
            var fields = outer.ReadList();
            field = "the bytes after the receipt list";
            outer.EnsureEnd();
            field = "status";
            var status = fields.ReadBytes();
            bool? succeeded = status.Length switch
            {
                0 => false,
                1 when status[0] == 1 => true,
                Hash256.Size => null,
                _ => throw new RlpException($"Receipt status must be empty, 0x01 or a 32-byte post-state root, got {status.Length} byte(s): {Hex.Encode(status)}."),
            };
            Hash256? postState = succeeded is null ? new Hash256(status) : null;
            field = "cumulativeGasUsed";
            var cumulativeGasUsed = fields.ReadUInt64();
            field = "logsBloom";
            var bloom = fields.ReadBytes();
            if (bloom.Length != Bloom.Size)
            {
                throw new RlpException($"Receipt bloom must be {Bloom.Size} bytes, got {bloom.Length}.");
            }

            field = "logs";
            var logsReader = fields.ReadList();
            var logs = new Log[RlpItems.Count(logsReader)];
            for (var i = 0; i < logs.Length; i++)
            {
                field = $"logs[{i}]";
                logs[i] = Log.Read(ref logsReader);
            }

            field = "the end of the receipt list";
            fields.EnsureEnd();
            field = "logsBloom";
            var receipt = new Receipt(type, succeeded, postState, cumulativeGasUsed, logs);
            if (!receipt.LogsBloom.Bytes.SequenceEqual(bloom))
            {
                throw new RlpException("Receipt bloom does not match the bloom of its logs.");
            }

            return receipt;
        }
        catch (RlpException e)
        {
            throw new RlpException($"Receipt (type {(int)type}), reading {field}: {e.Message}", e);
        }
    }

    private int PayloadLength() =>
        (PostState is null ? 1 : 1 + Hash256.Size) + RlpLength.OfUInt(CumulativeGasUsed) + BloomItemLength + RlpLength.OfList(LogsPayloadLength());

    private int LogsPayloadLength()
    {
        var payload = 0;
        for (var i = 0; i < Logs.Count; i++)
        {
            payload += Logs[i].EncodedLength;
        }

        return payload;
    }
}
