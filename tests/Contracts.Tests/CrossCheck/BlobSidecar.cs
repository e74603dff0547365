using System.Security.Cryptography;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Contracts.Tests.CrossCheck;

/// <summary>
/// The one blob we can submit without a KZG library: all zeros. Its commitment and its proof are both the point at
/// infinity (0xc0 then 47 zero bytes), which a node's KZG check accepts.
/// </summary>
public static class BlobSidecar
{
    private const int BlobSize = 131_072;

    private static readonly byte[] PointAtInfinity = [0xc0, .. new byte[47]];

    /// <summary>The zero blob's versioned hash: 0x01 ‖ sha256(commitment)[1..] (EIP-4844).</summary>
    public static Hash256 ZeroBlobVersionedHash { get; } = VersionedHash(PointAtInfinity);

    /// <summary>
    /// The network form eth_sendRawTransaction takes before Osaka: <c>0x03 ‖ rlp([tx_payload, [blob], [commitment], [proof]])</c>,
    /// where tx_payload is the canonical (signed) transaction's list.
    /// </summary>
    public static byte[] NetworkFormWithZeroBlob(BlobTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var canonical = transaction.Encode();
        var payloadList = canonical.AsSpan(1);
        var blobs = RlpLength.OfList(RlpLength.OfBytes(BlobSize, 0));
        var commitments = RlpLength.OfList(RlpLength.OfBytes(PointAtInfinity));
        var proofs = commitments;
        var payload = payloadList.Length + blobs + commitments + proofs;
        var output = new byte[1 + RlpLength.OfList(payload)];
        output[0] = (byte)TransactionType.Blob;
        var writer = new RlpWriter(output.AsSpan(1));
        writer.WriteListPrefix(payload);
        writer.WriteEncoded(payloadList);
        writer.WriteListPrefix(RlpLength.OfBytes(BlobSize, 0));
        writer.WriteBytes(new byte[BlobSize]);
        writer.WriteListPrefix(RlpLength.OfBytes(PointAtInfinity));
        writer.WriteBytes(PointAtInfinity);
        writer.WriteListPrefix(RlpLength.OfBytes(PointAtInfinity));
        writer.WriteBytes(PointAtInfinity);
        return output;
    }

    private static Hash256 VersionedHash(byte[] commitment)
    {
        var hash = SHA256.HashData(commitment);
        hash[0] = 0x01;
        return new Hash256(hash);
    }
}
