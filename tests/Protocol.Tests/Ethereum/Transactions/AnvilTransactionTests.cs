using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Protocol.Tests.Ethereum.Transactions;

public class AnvilTransactionTests
{
    [Theory]
    [MemberData(nameof(AnvilVectors.All), MemberType = typeof(AnvilVectors))]
    public void Decodes_hashes_and_recovers_the_sender_anvil_reported(string name, string raw, string hash, TransactionType type)
    {
        var bytes = Hex.Decode(raw);
        var transaction = Transaction.Decode(bytes);
        Assert.Equal(type, transaction.Type);
        Assert.Equal(hash, transaction.ComputeHash().ToString());
        Assert.Equal(AnvilVectors.Sender, transaction.RecoverSender());
        Assert.True(Hex.Encode(transaction.Encode()) == raw, name);
        Assert.Equal(bytes.Length, transaction.EncodedLength);
    }

    [Theory]
    [MemberData(nameof(AnvilVectors.All), MemberType = typeof(AnvilVectors))]
    public void Signing_the_fields_reproduces_the_bytes(string name, string raw, string hash, TransactionType type)
    {
        // RFC 6979 makes signatures deterministic, so the same fields and key give the same bytes.
        var signed = AnvilVectors.BuildUnsigned(name).Sign(AnvilVectors.SenderKey);
        Assert.Equal(type, signed.Type);
        Assert.Equal(raw, Hex.Encode(signed.Encode()));
        Assert.Equal(hash, signed.ComputeHash().ToString());

        var buffer = new byte[signed.EncodedLength + 7];
        Assert.Equal(signed.EncodedLength, signed.Encode(buffer));
        Assert.Equal(raw, Hex.Encode(buffer.AsSpan(0, signed.EncodedLength)));
    }

    [Theory]
    [MemberData(nameof(AnvilVectors.All), MemberType = typeof(AnvilVectors))]
    public void Only_a_pre_eip155_transaction_lacks_a_chain(string name, string raw, string hash, TransactionType type)
    {
        _ = hash;
        _ = type;
        var transaction = Transaction.Decode(Hex.Decode(raw));
        if (name == nameof(AnvilVectors.LegacyPre155Raw))
        {
            Assert.Null(transaction.ChainId);
            Assert.False(transaction.TryRecoverSender(AnvilVectors.ChainId, out _, out var error));
            Assert.Equal(SignatureError.NotReplayProtected, error);
        }
        else
        {
            Assert.Equal(AnvilVectors.ChainId, transaction.ChainId);
            Assert.Equal(AnvilVectors.Sender, transaction.RecoverSender(AnvilVectors.ChainId));
        }
    }

    [Fact]
    public void Legacy_v_values_are_eip155_and_pre155()
    {
        var eip155 = Transaction.Decode(Hex.Decode(AnvilVectors.Legacy155Raw));
        Assert.Equal(new UInt256((31337 * 2) + 35), eip155.Signature!.Value.V); // 0x82f4f5 in the bytes: recovery id 0
        var pre155 = Transaction.Decode(Hex.Decode(AnvilVectors.LegacyPre155Raw));
        Assert.Equal(new UInt256(28), pre155.Signature!.Value.V);
    }

    [Fact]
    public void Access_list_fields_are_decoded()
    {
        var transaction = Assert.IsType<AccessListTransaction>(Transaction.Decode(Hex.Decode(AnvilVectors.AccessListRaw)));
        Assert.Equal(new UInt256(20_000_000_000UL), transaction.GasPrice);
        Assert.Equal(60_000UL, transaction.GasLimit);
        Assert.Equal(new UInt256(777), transaction.Value);
        Assert.Equal(new byte[] { 0xde, 0xad, 0xbe, 0xef }, transaction.Data.ToArray());
        Assert.Equal(2, transaction.AccessList.Count);
        Assert.Equal(AnvilVectors.Recipient, transaction.AccessList[0].Address);
        Assert.Equal(AnvilVectors.AccessList[0].StorageKeys, transaction.AccessList[0].StorageKeys);
        Assert.Empty(transaction.AccessList[1].StorageKeys);
        // This signature's s has a leading zero byte, so it is encoded in 31 bytes.
        Assert.Equal(31, transaction.Signature!.Value.S.ByteLength);
    }

    [Fact]
    public void Contract_creation_has_no_recipient()
    {
        var transaction = Assert.IsType<DynamicFeeTransaction>(Transaction.Decode(Hex.Decode(AnvilVectors.DynamicFeeCreateRaw)));
        Assert.Null(transaction.To);
        Assert.Equal(AnvilVectors.LogEmittingInitCode, transaction.Data.ToArray());
        Assert.Equal(new UInt256(30_000_000_000UL), transaction.GasFeeCap);
        Assert.Equal(new UInt256(1_000_000_000UL), transaction.GasTipCap);
    }

    [Fact]
    public void Set_code_authorizations_recover_the_authorities_anvil_delegated()
    {
        var transaction = Assert.IsType<SetCodeTransaction>(Transaction.Decode(Hex.Decode(AnvilVectors.SetCodeRaw)));
        Assert.Equal(AnvilVectors.Recipient, transaction.Recipient);
        Assert.Equal(2, transaction.AuthorizationList.Count);

        var first = transaction.AuthorizationList[0];
        Assert.Equal(new UInt256(AnvilVectors.ChainId), first.ChainId);
        Assert.Equal(AnvilVectors.OtherAddress, first.Address);
        Assert.Equal(0UL, first.Nonce);
        Assert.Equal(UInt256.Parse("0xf7a932b165aa2541155a9d54ebf4370d1836239e011476d495f60bd6bf198194"), first.Signature.R);
        Assert.Equal(AnvilVectors.AuthorityB, first.RecoverAuthority());

        var anyChain = transaction.AuthorizationList[1];
        Assert.True(anyChain.ChainId.IsZero);
        Assert.Equal(AnvilVectors.AuthorityC, anyChain.RecoverAuthority());
    }

    [Fact]
    public void Blob_fields_are_decoded()
    {
        var transaction = Assert.IsType<BlobTransaction>(Transaction.Decode(Hex.Decode(AnvilVectors.BlobRaw)));
        Assert.Equal(new UInt256(1_000_000_000UL), transaction.MaxFeePerBlobGas);
        Assert.Equal([AnvilVectors.BlobVersionedHash], transaction.BlobVersionedHashes);
        Assert.Equal(AnvilVectors.Recipient, transaction.Recipient);
        Assert.Equal(new UInt256(5), transaction.Value);
    }
}
