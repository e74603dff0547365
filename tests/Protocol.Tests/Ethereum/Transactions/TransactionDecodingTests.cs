using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Tests.Ethereum.Rlp;

namespace Obscuro.Protocol.Tests.Ethereum.Transactions;

public class TransactionDecodingTests
{
    private static TransactionFormatException Rejects(byte[] encoded) =>
        Assert.Throws<TransactionFormatException>(() => Transaction.Decode(encoded));

    /// <summary>Decodes a vector's field list, lets <paramref name="change"/> edit it, and re-encodes it in the same envelope.</summary>
    private static byte[] Mutate(string raw, Action<List<RlpTree>> change)
    {
        var bytes = Hex.Decode(raw);
        var typed = bytes[0] < 0x80;
        var fields = ((RlpList)RlpTree.Decode(typed ? bytes.AsSpan(1) : bytes)).Items.ToList();
        change(fields);
        var body = new RlpList([.. fields]).Encode();
        return typed ? [bytes[0], .. body] : body;
    }

    private static RlpString Bytes(string hex) => new(Hex.Decode(hex));

    [Fact]
    public void Rejects_empty_input() =>
        Assert.Contains("cannot be empty", Rejects([]).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("0x80")]
    [InlineData("0xb8")]
    public void Rejects_an_rlp_string_where_a_transaction_starts(string hex) =>
        Assert.Contains("type byte (0x01–0x7f) or an RLP list (0xc0–0xff)", Rejects(Hex.Decode(hex)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(0x05)]
    [InlineData(0x7f)]
    public void Rejects_unknown_types(byte type)
    {
        var body = Hex.Decode(AnvilVectors.DynamicFeeRaw).AsSpan(1).ToArray();
        Assert.Contains($"Unsupported transaction type 0x{type:x2}", Rejects([type, .. body]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_legacy_list_inside_a_type_0_envelope()
    {
        var legacy = Hex.Decode(AnvilVectors.Legacy155Raw);
        Assert.Contains("Type byte 0x00 is not an envelope", Rejects([0x00, .. legacy]).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(AnvilVectors.Legacy155Raw), AnvilVectors.Legacy155Raw)]
    [InlineData(nameof(AnvilVectors.AccessListRaw), AnvilVectors.AccessListRaw)]
    [InlineData(nameof(AnvilVectors.DynamicFeeRaw), AnvilVectors.DynamicFeeRaw)]
    [InlineData(nameof(AnvilVectors.BlobRaw), AnvilVectors.BlobRaw)]
    [InlineData(nameof(AnvilVectors.SetCodeRaw), AnvilVectors.SetCodeRaw)]
    public void Rejects_trailing_bytes_after_the_list(string name, string raw)
    {
        var error = Rejects([.. Hex.Decode(raw), 0x00]);
        Assert.True(error.Message.Contains("reading the bytes after the transaction list", StringComparison.Ordinal), name);
        Assert.IsType<RlpException>(error.InnerException);
    }

    [Theory]
    [InlineData(AnvilVectors.Legacy155Raw)]
    [InlineData(AnvilVectors.DynamicFeeRaw)]
    [InlineData(AnvilVectors.SetCodeRaw)]
    public void Rejects_a_truncated_transaction(string raw)
    {
        var bytes = Hex.Decode(raw);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.ThrowsAny<FormatException>(() => Transaction.Decode(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Rejects_an_extra_field()
    {
        var encoded = Mutate(AnvilVectors.DynamicFeeRaw, f => f.Add(Bytes("0x01")));
        var error = Rejects(encoded);
        Assert.Contains("EIP-1559 transaction", error.Message, StringComparison.Ordinal);
        Assert.Contains("reading the end of the list (after 's')", error.Message, StringComparison.Ordinal);
        Assert.Contains("unexpected trailing byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_missing_field()
    {
        var encoded = Mutate(AnvilVectors.DynamicFeeRaw, f => f.RemoveAt(f.Count - 1));
        Assert.Contains("reading s: Invalid RLP at byte", Rejects(encoded).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_nonce_with_a_leading_zero()
    {
        var encoded = Mutate(AnvilVectors.DynamicFeeRaw, f => f[1] = Bytes("0x0003"));
        Assert.Contains("reading nonce: Invalid RLP at byte 5: integer has a leading zero byte", Rejects(encoded).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_zero_written_as_a_zero_byte()
    {
        // Zero is the empty string 0x80; a 0x00 byte is a non-canonical zero.
        var encoded = Mutate(AnvilVectors.Legacy155Raw, f => f[0] = Bytes("0x00"));
        Assert.Contains("Legacy transaction, reading nonce: Invalid RLP at byte 2: integer has a leading zero byte", Rejects(encoded).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_chain_id_beyond_64_bits()
    {
        var encoded = Mutate(AnvilVectors.DynamicFeeRaw, f => f[0] = Bytes("0x010000000000000000"));
        Assert.Contains("reading chainId: Invalid RLP at byte 2: integer of 9 bytes does not fit in 64 bits", Rejects(encoded).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_value_beyond_256_bits()
    {
        var encoded = Mutate(AnvilVectors.AccessListRaw, f => f[5] = new RlpString([1, .. new byte[32]]));
        Assert.Contains("EIP-2930 transaction (type 1; RLP offsets count from after the type byte), reading value", Rejects(encoded).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_recipient_of_the_wrong_size()
    {
        var encoded = Mutate(AnvilVectors.DynamicFeeRaw, f => f[5] = Bytes("0x35353535353535353535353535353535353535"));
        Assert.Contains("reading to: Invalid RLP at byte", Rejects(encoded).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AnvilVectors.BlobRaw, "to (a blob transaction cannot create a contract)")]
    [InlineData(AnvilVectors.SetCodeRaw, "destination (a set-code transaction cannot create a contract)")]
    public void Rejects_contract_creation_where_the_type_forbids_it(string raw, string field)
    {
        var encoded = Mutate(raw, f => f[5] = new RlpString([]));
        var error = Rejects(encoded);
        Assert.Contains($"reading {field}", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a 20-byte address, got 0 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_storage_key_of_the_wrong_size()
    {
        var encoded = Mutate(AnvilVectors.DynamicFeeRaw, f =>
            f[8] = RlpTree.List(RlpTree.List(new RlpString(AnvilVectors.Recipient.ToArray()), RlpTree.List(new RlpString(new byte[31])))));
        var error = Rejects(encoded);
        Assert.Contains("reading accessList", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a 32-byte hash, got 31 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_access_list_entry_with_an_extra_item()
    {
        var encoded = Mutate(AnvilVectors.DynamicFeeRaw, f =>
            f[8] = RlpTree.List(RlpTree.List(new RlpString(AnvilVectors.Recipient.ToArray()), RlpTree.List(), Bytes("0x01"))));
        Assert.Contains("reading accessList", Rejects(encoded).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_authorization_with_a_missing_item()
    {
        var encoded = Mutate(AnvilVectors.SetCodeRaw, f =>
        {
            var authorizations = (RlpList)f[9];
            var first = (RlpList)authorizations.Items[0];
            f[9] = new RlpList([new RlpList(first.Items[..5]), authorizations.Items[1]]);
        });
        Assert.Contains("reading authorizationList[0]", Rejects(encoded).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_the_blob_network_form_with_a_clear_message()
    {
        // 0x03 ‖ rlp([tx_payload_body, blobs, commitments, proofs]) as sent to eth_sendRawTransaction.
        var body = RlpTree.Decode(Hex.Decode(AnvilVectors.BlobRaw).AsSpan(1));
        var network = new RlpList([body, RlpTree.List(new RlpString(new byte[64])), RlpTree.List(new RlpString(new byte[48])), RlpTree.List(new RlpString(new byte[48]))]);
        var error = Rejects([0x03, .. network.Encode()]);
        Assert.Contains("network form", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_an_out_of_range_signature_so_recovery_can_name_it()
    {
        var encoded = Mutate(AnvilVectors.DynamicFeeRaw, f => f[9] = Bytes("0x05"));
        var transaction = Transaction.Decode(encoded);
        Assert.Equal(new UInt256(5), transaction.Signature!.Value.V);
        Assert.False(transaction.TryRecoverSender(out _, out var error));
        Assert.Equal(SignatureError.InvalidV, error);
    }
}
