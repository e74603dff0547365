using System.Buffers.Binary;

namespace Obscuro.Protocol.Transactions;

/// <summary>
/// How wallets submit transactions: ECIES to the network public key, with associated data
/// <c>"Obscuro.tx.v1" ‖ L2 chain id (u64 big-endian)</c>. The tag keeps a transaction ciphertext from being accepted
/// as any other kind of encrypted message (requests use another tag), and the chain id keeps it on one network.
/// </summary>
public static class SubmissionFormat
{
    private static ReadOnlySpan<byte> TransactionTag => "Obscuro.tx.v1"u8;

    public static byte[] TransactionAssociatedData(ulong chainId)
    {
        var ad = new byte[TransactionTag.Length + 8];
        TransactionTag.CopyTo(ad);
        BinaryPrimitives.WriteUInt64BigEndian(ad.AsSpan(TransactionTag.Length), chainId);
        return ad;
    }
}
