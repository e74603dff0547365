using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>
/// The signature fields as they appear in a transaction. <see cref="V"/> is the y parity (0 or 1) for typed
/// transactions and authorizations, and 27/28 or chainId·2+35/36 (EIP-155) for legacy ones. Out-of-range values are
/// representable so decoding stays a pure format check; recovery rejects them with a precise <see cref="SignatureError"/>.
/// </summary>
public readonly record struct TransactionSignature(UInt256 V, UInt256 R, UInt256 S)
{
    /// <summary>Splits a 65-byte r ‖ s ‖ recovery id signature from <see cref="Secp256k1.Sign(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>, with v as given.</summary>
    public static TransactionSignature FromCompact(ReadOnlySpan<byte> signature65, in UInt256 v)
    {
        if (signature65.Length != Secp256k1.SignatureSize)
        {
            throw new ArgumentException($"Expected a 65-byte signature, got {signature65.Length} bytes.", nameof(signature65));
        }

        return new TransactionSignature(v, UInt256.FromBigEndian(signature65[..32]), UInt256.FromBigEndian(signature65[32..64]));
    }

    internal int RlpFieldsLength => RlpLength.OfUInt(V) + RlpLength.OfUInt(R) + RlpLength.OfUInt(S);

    internal void WriteFields(ref RlpWriter writer)
    {
        writer.WriteUInt(V);
        writer.WriteUInt(R);
        writer.WriteUInt(S);
    }

    internal static TransactionSignature ReadFields(ref RlpReader reader, ref string field)
    {
        field = "v";
        var v = reader.ReadUInt256();
        field = "r";
        var r = reader.ReadUInt256();
        field = "s";
        var s = reader.ReadUInt256();
        return new TransactionSignature(v, r, s);
    }
}
