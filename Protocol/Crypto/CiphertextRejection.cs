namespace Obscuro.Protocol.Crypto;

/// <summary>Why a ciphertext (ECIES message, sealed blob, rollup group or layout) was refused.</summary>
public enum CiphertextRejection
{
    /// <summary>Not a rejection: the ciphertext opened. The value a Try method reports on success.</summary>
    None = 0,

    /// <summary>The first byte is not a format version this code knows.</summary>
    UnsupportedVersion,

    /// <summary>Empty, or shorter than the fixed overhead of its format, so it cannot hold even an empty message.</summary>
    TooShort,

    /// <summary>ECIES only: the ephemeral public key is not a point on secp256k1.</summary>
    BadEphemeralKey,

    /// <summary>The AES-GCM tag does not verify: the key is wrong (another recipient, option or interval) or a byte was changed.</summary>
    AuthenticationFailed,

    /// <summary>
    /// The ciphertext is authentic under this key but was made for different associated data: another purpose or
    /// identifier for a sealed blob, another rollup, option or interval for a group.
    /// </summary>
    AssociatedDataMismatch,
}
