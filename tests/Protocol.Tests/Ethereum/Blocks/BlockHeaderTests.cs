using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Blocks;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Tests.Ethereum.Rlp;

namespace Obscuro.Protocol.Tests.Ethereum.Blocks;

public class BlockHeaderTests
{
    public static TheoryData<string, string, int> Headers => new()
    {
        { "mainnet genesis", AnvilBlocks.MainnetGenesis, 0 },
        { "berlin", AnvilBlocks.Berlin, 0 },
        { "london", AnvilBlocks.London, 1 },
        { "shanghai", AnvilBlocks.Shanghai, 2 },
        { "cancun", AnvilBlocks.Cancun, 5 },
        { "prague, log", AnvilBlocks.PragueWithLog, 6 },
        { "prague, blob", AnvilBlocks.PragueWithBlob, 6 },
        { "prague, 150 transfers", AnvilBlocks.PragueWith150Transfers, 6 },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Hashes_real_headers_with_exactly_their_fields(string name, string json, int optionalFields)
    {
        var (header, hash) = HeaderJson.Parse(json);
        Assert.Equal(optionalFields, header.OptionalFieldsPresent);
        Assert.True(hash == header.ComputeHash(), name);
        Assert.Equal(15 + optionalFields, ((RlpList)RlpTree.Decode(header.Encode())).Items.Length);
    }

    [Theory]
    [MemberData(nameof(Headers))]
    public void Encoding_round_trips(string name, string json, int optionalFields)
    {
        _ = optionalFields;
        var (header, hash) = HeaderJson.Parse(json);
        var encoded = header.Encode();
        Assert.Equal(header.EncodedLength, encoded.Length);
        Assert.Equal(hash, Keccak256.Hash(encoded));
        var decoded = BlockHeader.Decode(encoded);
        Assert.True(encoded.AsSpan().SequenceEqual(decoded.Encode()), name);
        Assert.Equal(header.Number, decoded.Number);
        Assert.Equal(header.BaseFeePerGas, decoded.BaseFeePerGas);
        Assert.Equal(header.RequestsHash, decoded.RequestsHash);
        Assert.Equal(header.Nonce, decoded.Nonce);
        Assert.Equal(header.LogsBloom, decoded.LogsBloom);
        Assert.Equal(header.ExtraData.ToArray(), decoded.ExtraData.ToArray());
    }

    [Fact]
    public void Genesis_nonce_is_eight_bytes_even_when_small()
    {
        var (header, _) = HeaderJson.Parse(AnvilBlocks.MainnetGenesis);
        Assert.Equal(0x42UL, header.Nonce);
        var fields = ((RlpList)RlpTree.Decode(header.Encode())).Items;
        Assert.Equal(new RlpString([0, 0, 0, 0, 0, 0, 0, 0x42]), fields[14]);
    }

    [Fact]
    public void Changing_any_field_changes_the_hash()
    {
        var (header, hash) = HeaderJson.Parse(AnvilBlocks.PragueWithLog);
        BlockHeader[] variants =
        [
            Copy(header, gasUsed: header.GasUsed + 1),
            Copy(header, requestsHash: Hash256.Zero),
            Copy(header, timestamp: header.Timestamp - 1),
        ];
        foreach (var variant in variants)
        {
            Assert.NotEqual(hash, variant.ComputeHash());
        }
    }

    [Fact]
    public void Rejects_a_gap_in_the_optional_fields()
    {
        var (header, _) = HeaderJson.Parse(AnvilBlocks.Cancun);
        var gap = Copy(header, dropWithdrawalsRoot: true);
        var error = Assert.Throws<InvalidOperationException>(() => gap.ComputeHash());
        Assert.Contains("has blobGasUsed but not withdrawalsRoot", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => gap.Encode());
    }

    [Fact]
    public void Decoding_names_the_bad_field()
    {
        var (header, _) = HeaderJson.Parse(AnvilBlocks.PragueWithLog);
        var fields = ((RlpList)RlpTree.Decode(header.Encode())).Items;

        Assert.Contains("reading logsBloom: expected a 256-byte bloom, got 255 bytes",
            Rejects(fields, f => f[6] = new RlpString(new byte[255])).Message, StringComparison.Ordinal);
        Assert.Contains("reading nonce: expected an 8-byte nonce, got 1 bytes",
            Rejects(fields, f => f[14] = new RlpString([0x42])).Message, StringComparison.Ordinal);
        Assert.Contains("reading number: Invalid RLP at byte",
            Rejects(fields, f => f[8] = new RlpString([0, 5])).Message, StringComparison.Ordinal);
        Assert.Contains("reading the end of the header list (a field after requestsHash is unknown)",
            Rejects(fields, f => f.Add(new RlpString([1]))).Message, StringComparison.Ordinal);
        Assert.Contains("reading the bytes after the header list",
            Assert.Throws<RlpException>(() => BlockHeader.Decode([.. header.Encode(), 0x80])).Message, StringComparison.Ordinal);
    }

    private static RlpException Rejects(RlpTree[] fields, Action<List<RlpTree>> change)
    {
        var list = fields.ToList();
        change(list);
        return Assert.Throws<RlpException>(() => BlockHeader.Decode(new RlpList([.. list]).Encode()));
    }

    private static BlockHeader Copy(BlockHeader h, ulong? gasUsed = null, ulong? timestamp = null, Hash256? requestsHash = null, bool dropWithdrawalsRoot = false) => new()
    {
        ParentHash = h.ParentHash,
        Sha3Uncles = h.Sha3Uncles,
        Miner = h.Miner,
        StateRoot = h.StateRoot,
        TransactionsRoot = h.TransactionsRoot,
        ReceiptsRoot = h.ReceiptsRoot,
        LogsBloom = h.LogsBloom,
        Difficulty = h.Difficulty,
        Number = h.Number,
        GasLimit = h.GasLimit,
        GasUsed = gasUsed ?? h.GasUsed,
        Timestamp = timestamp ?? h.Timestamp,
        ExtraData = h.ExtraData,
        MixHash = h.MixHash,
        Nonce = h.Nonce,
        BaseFeePerGas = h.BaseFeePerGas,
        WithdrawalsRoot = dropWithdrawalsRoot ? null : h.WithdrawalsRoot,
        BlobGasUsed = h.BlobGasUsed,
        ExcessBlobGas = h.ExcessBlobGas,
        ParentBeaconBlockRoot = h.ParentBeaconBlockRoot,
        RequestsHash = requestsHash ?? h.RequestsHash,
    };
}
