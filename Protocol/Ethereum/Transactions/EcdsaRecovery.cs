using System.Runtime.CompilerServices;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>
/// Range checks and public-key recovery shared by transactions and authorizations. The checks run before
/// libsecp256k1 so each failure maps to its own <see cref="SignatureError"/> instead of one opaque "false".
/// </summary>
internal static class EcdsaRecovery
{
    // secp256k1 group order n and n/2, as (least significant word first) limbs.
    internal static readonly UInt256 CurveOrder = new(0xBFD25E8CD0364141UL, 0xBAAEDCE6AF48A03BUL, 0xFFFFFFFFFFFFFFFEUL, 0xFFFFFFFFFFFFFFFFUL);
    internal static readonly UInt256 HalfCurveOrder = new(0xDFE92F46681B20A0UL, 0x5D576E7357A4501DUL, 0xFFFFFFFFFFFFFFFFUL, 0x7FFFFFFFFFFFFFFFUL);

    [SkipLocalsInit]
    internal static SignatureError TryRecover(ReadOnlySpan<byte> hash32, in UInt256 r, in UInt256 s, int recoveryId, out Address signer)
    {
        signer = default;
        if (r.IsZero || r >= CurveOrder) return SignatureError.InvalidR;
        if (s.IsZero || s >= CurveOrder) return SignatureError.InvalidS;
        if (s > HalfCurveOrder) return SignatureError.HighS;

        Span<byte> signature = stackalloc byte[Secp256k1.SignatureSize];
        r.WriteBigEndian(signature);
        s.WriteBigEndian(signature[32..]);
        signature[64] = (byte)recoveryId;
        Span<byte> publicKey = stackalloc byte[Secp256k1.PublicKeySize];
        if (!Secp256k1.TryRecover(hash32, signature, publicKey)) return SignatureError.NotRecoverable;
        signer = Address.FromPublicKey(publicKey);
        return SignatureError.None;
    }

    /// <summary>Signs and returns r, s and the recovery id (0 or 1).</summary>
    [SkipLocalsInit]
    internal static (UInt256 R, UInt256 S, int RecoveryId) Sign(ReadOnlySpan<byte> hash32, ReadOnlySpan<byte> privateKey)
    {
        Span<byte> signature = stackalloc byte[Secp256k1.SignatureSize];
        Secp256k1.Sign(hash32, privateKey, signature);
        return (UInt256.FromBigEndian(signature[..32]), UInt256.FromBigEndian(signature[32..64]), signature[64]);
    }

    internal static string Describe(SignatureError error, in TransactionSignature signature) => error switch
    {
        SignatureError.None => "The signature is valid.",
        SignatureError.MissingSignature => "The transaction is not signed.",
        SignatureError.InvalidR => $"Signature r = {signature.R.ToHexQuantity()} is zero or not below the secp256k1 order.",
        SignatureError.InvalidS => $"Signature s = {signature.S.ToHexQuantity()} is zero or not below the secp256k1 order.",
        SignatureError.HighS => $"Signature s = {signature.S.ToHexQuantity()} is above n/2; EIP-2 allows only low-s signatures.",
        SignatureError.NotRecoverable => "The signature does not recover a public key (r is not the x coordinate of a curve point).",
        _ => $"Invalid signature ({error}).",
    };
}
