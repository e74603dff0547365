using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Keys;

/// <summary>The fields of a version 1 keystore file (see <see cref="KeystoreFormat"/>), parsed but not decrypted.</summary>
internal sealed record KeystoreDocument(
    Address Address,
    string? Label,
    DateTimeOffset Created,
    byte[] ViewingPublicKey,
    int Iterations,
    byte[] Salt,
    byte[] PassphraseCheck,
    byte[] Nonce,
    byte[] Ciphertext,
    byte[] Tag);
