using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Tests.Ethereum.Blocks;
using Obscuro.Protocol.Tests.Ethereum.Rlp;
using Obscuro.Protocol.Tests.Ethereum.Transactions;

namespace Obscuro.Protocol.Tests.Ethereum.Receipts;

public class ReceiptTests
{
    private static readonly string ZeroBloom = new('0', 512);

    [Fact]
    public void Legacy_receipt_is_a_bare_list()
    {
        // [0x01, 21000, bloom, []]: payload 1 + 3 + 259 + 1 = 264 bytes.
        var receipt = new Receipt(TransactionType.Legacy, true, 21_000, []);
        Assert.Equal("0xf9010801825208b90100" + ZeroBloom + "c0", Hex.Encode(receipt.Encode()));
        Assert.Equal(receipt.EncodedLength, receipt.Encode().Length);
    }

    [Fact]
    public void Failed_typed_receipt_has_an_empty_status_and_the_type_byte()
    {
        var receipt = new Receipt(TransactionType.DynamicFee, false, 21_000, []);
        Assert.Equal("0x02f9010880825208b90100" + ZeroBloom + "c0", Hex.Encode(receipt.Encode()));
    }

    [Fact]
    public void Pre_byzantium_receipt_records_the_post_state_root()
    {
        var root = Hash256.Parse("0x" + new string('a', 64));
        var receipt = Receipt.WithPostState(TransactionType.Legacy, root, 1, []);
        Assert.Null(receipt.Succeeded);
        var fields = ((RlpList)RlpTree.Decode(receipt.Encode())).Items;
        Assert.Equal(new RlpString(root.ToArray()), fields[0]);
        var decoded = Receipt.Decode(receipt.Encode());
        Assert.Equal(root, decoded.PostState);
        Assert.Null(decoded.Succeeded);
    }

    [Theory]
    [InlineData(TransactionType.Legacy, true)]
    [InlineData(TransactionType.AccessList, false)]
    [InlineData(TransactionType.DynamicFee, true)]
    [InlineData(TransactionType.Blob, true)]
    [InlineData(TransactionType.SetCode, false)]
    public void Receipts_round_trip(TransactionType type, bool succeeded)
    {
        var logs = new[] { BlockContentsTests.CreationLog, new Log(AnvilVectors.Recipient, [], new byte[200]) };
        var receipt = new Receipt(type, succeeded, 123_456, logs);
        var encoded = receipt.Encode();
        var decoded = Receipt.Decode(encoded);
        Assert.Equal(type, decoded.Type);
        Assert.Equal(succeeded, decoded.Succeeded);
        Assert.Equal(123_456UL, decoded.CumulativeGasUsed);
        Assert.Equal(receipt.LogsBloom, decoded.LogsBloom);
        Assert.Equal(2, decoded.Logs.Count);
        Assert.Equal(CreationLogTopics, decoded.Logs[0].Topics);
        Assert.Equal(new byte[200], decoded.Logs[1].Data.ToArray());
        Assert.Equal(encoded, decoded.Encode());
    }

    private static IReadOnlyList<Hash256> CreationLogTopics => BlockContentsTests.CreationLog.Topics;

    [Fact]
    public void Decoding_rejects_a_bloom_that_disagrees_with_the_logs()
    {
        var fields = ((RlpList)RlpTree.Decode(new Receipt(TransactionType.Legacy, true, 1, [BlockContentsTests.CreationLog]).Encode())).Items.ToArray();
        fields[2] = new RlpString(new byte[256]);
        var error = Assert.Throws<RlpException>(() => Receipt.Decode(new RlpList(fields).Encode()));
        Assert.Contains("reading logsBloom: Receipt bloom does not match the bloom of its logs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x00", "status must be empty, 0x01 or a 32-byte post-state root, got 1 byte(s): 0x00")]
    [InlineData("0x02", "status must be empty, 0x01 or a 32-byte post-state root, got 1 byte(s): 0x02")]
    [InlineData("0x0001", "got 2 byte(s)")]
    public void Decoding_rejects_a_bad_status(string status, string reason)
    {
        var fields = ((RlpList)RlpTree.Decode(new Receipt(TransactionType.Legacy, true, 1, []).Encode())).Items.ToArray();
        fields[0] = new RlpString(Hex.Decode(status));
        var error = Assert.Throws<RlpException>(() => Receipt.Decode(new RlpList(fields).Encode()));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x05c0", "unsupported transaction type 0x05")]
    [InlineData("0x", "cannot be empty")]
    [InlineData("0x02c0", "reading status")]
    public void Decoding_rejects_malformed_receipts(string hex, string reason)
    {
        var error = Assert.Throws<RlpException>(() => Receipt.Decode(Hex.Decode(hex)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
