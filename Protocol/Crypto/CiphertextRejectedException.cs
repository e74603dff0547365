using System.Security.Cryptography;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// A ciphertext was refused. <see cref="Reason"/> says why; the message names the format and the reason and never
/// contains key material or plaintext.
/// </summary>
public sealed class CiphertextRejectedException : CryptographicException
{
    public CiphertextRejectedException(string format, CiphertextRejection reason)
        : base($"{format} rejected: {Describe(reason)}")
    {
        Reason = reason;
    }

    public CiphertextRejection Reason { get; }

    private static string Describe(CiphertextRejection reason) => reason switch
    {
        CiphertextRejection.UnsupportedVersion => "unsupported format version.",
        CiphertextRejection.TooShort => "shorter than the format's fixed overhead.",
        CiphertextRejection.BadEphemeralKey => "the ephemeral public key is not a point on secp256k1.",
        CiphertextRejection.AuthenticationFailed => "authentication tag mismatch (wrong key or modified ciphertext).",
        CiphertextRejection.AssociatedDataMismatch => "authentic, but made for different associated data.",
        _ => $"reason {reason}.",
    };
}
