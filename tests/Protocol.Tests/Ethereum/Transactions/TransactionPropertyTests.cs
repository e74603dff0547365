using FsCheck;
using FsCheck.Xunit;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Protocol.Tests.Ethereum.Transactions;

public class TransactionPropertyTests
{
    private static UInt256 Number(byte[] bytes) => UInt256.FromBigEndian(bytes.AsSpan(0, Math.Min(bytes.Length, 32)));

    private static AccessListItem[] AccessList(byte count) =>
        [.. Enumerable.Range(0, count % 4).Select(i => new AccessListItem(
            new Address(Keccak256.Hash([(byte)i]).ToArray().AsSpan(12)),
            [.. Enumerable.Range(0, i % 3).Select(k => Keccak256.Hash([(byte)i, (byte)k]))]))];

    private static Transaction Build(int kind, ulong nonce, ulong chainId, UInt256 fee1, UInt256 fee2, ulong gas, Address? to, byte[] data,
        byte accessCount, TransactionSignature? signature)
    {
        var accessList = AccessList(accessCount);
        var recipient = to ?? AnvilVectors.Recipient;
        return (kind % 6) switch
        {
            0 => new LegacyTransaction(nonce, fee1, gas, to, fee2, data, chainId, signature),
            1 => new LegacyTransaction(nonce, fee1, gas, to, fee2, data, null, signature),
            2 => new AccessListTransaction(chainId, nonce, fee1, gas, to, fee2, data, accessList, signature),
            3 => new DynamicFeeTransaction(chainId, nonce, fee1, fee2, gas, to, fee1, data, accessList, signature),
            4 => new BlobTransaction(chainId, nonce, fee1, fee2, gas, recipient, fee2, data, accessList, fee1,
                [.. accessList.Select(a => Keccak256.Hash(a.Address.ToArray()))], signature),
            _ => new SetCodeTransaction(chainId, nonce, fee1, fee2, gas, recipient, fee2, data, accessList,
                [.. accessList.Select((a, i) => new Authorization(fee1, a.Address, nonce + (ulong)i, new TransactionSignature((ulong)i % 2, fee2, fee1)))],
                signature),
        };
    }

    [Property(MaxTest = 300)]
    public void Signed_transactions_round_trip_and_recover_their_signer(
        byte kind, ulong nonce, ulong chainId, byte[] fee1, byte[] fee2, ulong gas, bool create, byte[] data, byte accessCount, NonEmptyString keySeed)
    {
        var key = Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(keySeed.Get)).ToArray();
        Assert.True(Secp256k1.IsValidPrivateKey(key));
        var to = create ? (Address?)null : new Address(Keccak256.Hash(data).ToArray().AsSpan(0, 20));
        var signed = Build(kind, nonce, chainId, Number(fee1), Number(fee2), gas, to, data, accessCount, null).Sign(key);

        var encoded = signed.Encode();
        Assert.Equal(signed.EncodedLength, encoded.Length);
        var decoded = Transaction.Decode(encoded);
        Assert.Equal(signed.GetType(), decoded.GetType());
        Assert.Equal(encoded, decoded.Encode());
        Assert.Equal(Keccak256.Hash(encoded), decoded.ComputeHash());
        Assert.Equal(signed.ComputeSigningHash(), decoded.ComputeSigningHash());
        Assert.Equal(Secp256k1.DeriveAddress(key), decoded.RecoverSender());
        Assert.Equal(signed.ChainId, decoded.ChainId);
        Assert.Equal(nonce, decoded.Nonce);
        Assert.Equal(gas, decoded.GasLimit);
        Assert.Equal(signed.To, decoded.To);
        Assert.Equal(signed.Value, decoded.Value);
        Assert.Equal(data, decoded.Data.ToArray());
        Assert.Equal(signed.GasFeeCap, decoded.GasFeeCap);
        Assert.Equal(signed.GasTipCap, decoded.GasTipCap);
    }

    [Property(MaxTest = 300)]
    public void Any_signature_values_survive_encoding(byte kind, ulong nonce, byte[] v, byte[] r, byte[] s, byte[] data, byte accessCount)
    {
        // Decoding checks form, not signature validity, so arbitrary v, r and s must round-trip unchanged.
        var signature = new TransactionSignature(Number(v), Number(r), Number(s));
        var transaction = Build(kind, nonce, 7, Number(r), Number(s), 21_000, AnvilVectors.Recipient, data, accessCount, signature);
        var decoded = Transaction.Decode(transaction.Encode());
        Assert.Equal(transaction.Encode(), decoded.Encode());
        Assert.Equal(signature, decoded.Signature);
        // A legacy transaction's chain lives in its v, so decoding reads it from there.
        Assert.Equal(transaction is LegacyTransaction ? LegacyTransaction.ChainIdFromV(signature.V) : 7UL, decoded.ChainId);
    }
}
