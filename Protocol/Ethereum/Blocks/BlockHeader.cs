using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Blocks;

/// <summary>
/// An L1 block header up to Prague. Its hash is Keccak-256 of the RLP list of the fields present: the fifteen
/// pre-London fields, then the fork-added ones in order (baseFeePerGas: London; withdrawalsRoot: Shanghai;
/// blobGasUsed, excessBlobGas, parentBeaconBlockRoot: Cancun; requestsHash: Prague). The optional fields present are
/// always a prefix of that list; a header with a gap cannot be encoded and is rejected.
/// Property names follow the JSON-RPC block object so a header can be built straight from eth_getBlockByNumber.
/// </summary>
public sealed class BlockHeader
{
    private const int OptionalFieldCount = 6;
    private const int StackBufferSize = 1024;

    private static readonly string[] OptionalNames =
        ["baseFeePerGas", "withdrawalsRoot", "blobGasUsed", "excessBlobGas", "parentBeaconBlockRoot", "requestsHash"];

    public required Hash256 ParentHash { get; init; }

    /// <summary>The ommers (uncles) hash; keccak(rlp([])) since the merge.</summary>
    public required Hash256 Sha3Uncles { get; init; }

    /// <summary>The fee recipient (beneficiary).</summary>
    public required Address Miner { get; init; }

    public required Hash256 StateRoot { get; init; }

    public required Hash256 TransactionsRoot { get; init; }

    public required Hash256 ReceiptsRoot { get; init; }

    public required Bloom LogsBloom { get; init; }

    public required UInt256 Difficulty { get; init; }

    public required ulong Number { get; init; }

    public required ulong GasLimit { get; init; }

    public required ulong GasUsed { get; init; }

    public required ulong Timestamp { get; init; }

    public ReadOnlyMemory<byte> ExtraData { get; init; }

    /// <summary>The mix hash; since the merge, the beacon chain's prevRandao.</summary>
    public required Hash256 MixHash { get; init; }

    /// <summary>The 8-byte proof-of-work nonce as a big-endian number (always encoded as exactly 8 bytes).</summary>
    public required ulong Nonce { get; init; }

    public UInt256? BaseFeePerGas { get; init; }

    public Hash256? WithdrawalsRoot { get; init; }

    public ulong? BlobGasUsed { get; init; }

    public ulong? ExcessBlobGas { get; init; }

    public Hash256? ParentBeaconBlockRoot { get; init; }

    public Hash256? RequestsHash { get; init; }

    /// <summary>How many of the six optional fields are present (they form a prefix).</summary>
    /// <exception cref="InvalidOperationException">A later optional field is present while an earlier one is not.</exception>
    public int OptionalFieldsPresent
    {
        get
        {
            ReadOnlySpan<bool> present =
            [
                BaseFeePerGas.HasValue, WithdrawalsRoot.HasValue, BlobGasUsed.HasValue,
                ExcessBlobGas.HasValue, ParentBeaconBlockRoot.HasValue, RequestsHash.HasValue,
            ];
            var count = present.IndexOf(false);
            if (count < 0)
            {
                return OptionalFieldCount;
            }

            var gap = present[count..].IndexOf(true);
            if (gap >= 0)
            {
                throw new InvalidOperationException(
                    $"Block header {Number} has {OptionalNames[count + gap]} but not {OptionalNames[count]}: optional header fields " +
                    "must be present in fork order without gaps.");
            }

            return count;
        }
    }

    public int EncodedLength => RlpLength.OfList(PayloadLength(OptionalFieldsPresent));

    public byte[] Encode()
    {
        var payload = PayloadLength(OptionalFieldsPresent);
        var output = new byte[RlpLength.OfList(payload)];
        Write(output, payload);
        return output;
    }

    /// <summary>The block hash: Keccak-256 of the header's RLP.</summary>
    [SkipLocalsInit]
    public Hash256 ComputeHash()
    {
        var payload = PayloadLength(OptionalFieldsPresent);
        var length = RlpLength.OfList(payload);
        byte[]? rented = null;
        var buffer = length <= StackBufferSize ? stackalloc byte[StackBufferSize] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            Write(buffer, payload);
            return Keccak256.Hash(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <exception cref="RlpException">Not exactly one canonical header; the message names the field.</exception>
    public static BlockHeader Decode(ReadOnlySpan<byte> encoded)
    {
        var field = "the header list";
        try
        {
            var outer = new RlpReader(encoded);
            var fields = outer.ReadList();
            field = "the bytes after the header list";
            outer.EnsureEnd();

            field = "parentHash";
            var parentHash = fields.ReadHash();
            field = "sha3Uncles";
            var sha3Uncles = fields.ReadHash();
            field = "miner";
            var miner = fields.ReadAddress();
            field = "stateRoot";
            var stateRoot = fields.ReadHash();
            field = "transactionsRoot";
            var transactionsRoot = fields.ReadHash();
            field = "receiptsRoot";
            var receiptsRoot = fields.ReadHash();
            field = "logsBloom";
            var bloom = fields.ReadBytes();
            if (bloom.Length != Bloom.Size)
            {
                throw new RlpException($"expected a {Bloom.Size}-byte bloom, got {bloom.Length} bytes");
            }

            field = "difficulty";
            var difficulty = fields.ReadUInt256();
            field = "number";
            var number = fields.ReadUInt64();
            field = "gasLimit";
            var gasLimit = fields.ReadUInt64();
            field = "gasUsed";
            var gasUsed = fields.ReadUInt64();
            field = "timestamp";
            var timestamp = fields.ReadUInt64();
            field = "extraData";
            var extraData = fields.ReadBytes().ToArray();
            field = "mixHash";
            var mixHash = fields.ReadHash();
            field = "nonce";
            var nonceBytes = fields.ReadBytes();
            if (nonceBytes.Length != 8)
            {
                throw new RlpException($"expected an 8-byte nonce, got {nonceBytes.Length} bytes");
            }

            var nonce = BinaryPrimitives.ReadUInt64BigEndian(nonceBytes);

            field = "baseFeePerGas";
            UInt256? baseFee = fields.IsAtEnd ? null : fields.ReadUInt256();
            field = "withdrawalsRoot";
            Hash256? withdrawalsRoot = fields.IsAtEnd ? null : fields.ReadHash();
            field = "blobGasUsed";
            ulong? blobGasUsed = fields.IsAtEnd ? null : fields.ReadUInt64();
            field = "excessBlobGas";
            ulong? excessBlobGas = fields.IsAtEnd ? null : fields.ReadUInt64();
            field = "parentBeaconBlockRoot";
            Hash256? parentBeaconBlockRoot = fields.IsAtEnd ? null : fields.ReadHash();
            field = "requestsHash";
            Hash256? requestsHash = fields.IsAtEnd ? null : fields.ReadHash();
            field = "the end of the header list (a field after requestsHash is unknown)";
            fields.EnsureEnd();

            return new BlockHeader
            {
                ParentHash = parentHash,
                Sha3Uncles = sha3Uncles,
                Miner = miner,
                StateRoot = stateRoot,
                TransactionsRoot = transactionsRoot,
                ReceiptsRoot = receiptsRoot,
                LogsBloom = new Bloom(bloom),
                Difficulty = difficulty,
                Number = number,
                GasLimit = gasLimit,
                GasUsed = gasUsed,
                Timestamp = timestamp,
                ExtraData = extraData,
                MixHash = mixHash,
                Nonce = nonce,
                BaseFeePerGas = baseFee,
                WithdrawalsRoot = withdrawalsRoot,
                BlobGasUsed = blobGasUsed,
                ExcessBlobGas = excessBlobGas,
                ParentBeaconBlockRoot = parentBeaconBlockRoot,
                RequestsHash = requestsHash,
            };
        }
        catch (RlpException e)
        {
            throw new RlpException($"Block header, reading {field}: {e.Message}", e);
        }
    }

    private int PayloadLength(int optionalPresent)
    {
        ArgumentNullException.ThrowIfNull(LogsBloom, nameof(LogsBloom));
        const int hashItem = 1 + Hash256.Size;
        var length = (hashItem * 5) + 1 + Address.Size + 3 + Bloom.Size + RlpLength.OfUInt(Difficulty) + RlpLength.OfUInt(Number) +
            RlpLength.OfUInt(GasLimit) + RlpLength.OfUInt(GasUsed) + RlpLength.OfUInt(Timestamp) + RlpLength.OfBytes(ExtraData.Span) +
            hashItem + 1 + 8;
        if (optionalPresent > 0) length += RlpLength.OfUInt(BaseFeePerGas.GetValueOrDefault());
        if (optionalPresent > 1) length += hashItem;
        if (optionalPresent > 2) length += RlpLength.OfUInt(BlobGasUsed.GetValueOrDefault());
        if (optionalPresent > 3) length += RlpLength.OfUInt(ExcessBlobGas.GetValueOrDefault());
        if (optionalPresent > 4) length += hashItem;
        if (optionalPresent > 5) length += hashItem;
        return length;
    }

    [SkipLocalsInit]
    private void Write(Span<byte> destination, int payload)
    {
        var writer = new RlpWriter(destination);
        writer.WriteListPrefix(payload);
        writer.WriteHash(ParentHash);
        writer.WriteHash(Sha3Uncles);
        writer.WriteAddress(Miner);
        writer.WriteHash(StateRoot);
        writer.WriteHash(TransactionsRoot);
        writer.WriteHash(ReceiptsRoot);
        writer.WriteBytes(LogsBloom.Bytes);
        writer.WriteUInt(Difficulty);
        writer.WriteUInt(Number);
        writer.WriteUInt(GasLimit);
        writer.WriteUInt(GasUsed);
        writer.WriteUInt(Timestamp);
        writer.WriteBytes(ExtraData.Span);
        writer.WriteHash(MixHash);
        Span<byte> nonce = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(nonce, Nonce);
        writer.WriteBytes(nonce);
        if (BaseFeePerGas is { } baseFee) writer.WriteUInt(baseFee);
        if (WithdrawalsRoot is { } withdrawalsRoot) writer.WriteHash(withdrawalsRoot);
        if (BlobGasUsed is { } blobGasUsed) writer.WriteUInt(blobGasUsed);
        if (ExcessBlobGas is { } excessBlobGas) writer.WriteUInt(excessBlobGas);
        if (ParentBeaconBlockRoot is { } parentBeaconBlockRoot) writer.WriteHash(parentBeaconBlockRoot);
        if (RequestsHash is { } requestsHash) writer.WriteHash(requestsHash);
    }
}
