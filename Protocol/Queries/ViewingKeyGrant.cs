using System.Globalization;
using System.Text;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Queries;

/// <summary>
/// An account's authorisation of a viewing key: the account key signs, as an EIP-191 personal message (so ordinary
/// wallets can produce it), the text <c>"Obscuro viewing key v1 for chain {chainId}: 0x{compressed viewing key}"</c>.
/// The viewing key then signs queries and receives the encrypted answers; the account key stays in the wallet.
/// </summary>
public sealed record ViewingKeyGrant(byte[] ViewingPublicKey, byte[] Signature)
{
    public const int CompressedKeySize = 33;

    public static string Message(ulong chainId, ReadOnlySpan<byte> compressedViewingKey) =>
        string.Create(CultureInfo.InvariantCulture, $"Obscuro viewing key v1 for chain {chainId}: {Hex.Encode(compressedViewingKey)}");

    /// <summary>keccak256("\x19Ethereum Signed Message:\n" ‖ len ‖ message), as personal_sign hashes it.</summary>
    public static Hash256 PersonalMessageHash(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = Encoding.UTF8.GetBytes(message);
        var prefix = Encoding.ASCII.GetBytes($"\u0019Ethereum Signed Message:\n{body.Length.ToString(CultureInfo.InvariantCulture)}");
        return Keccak256.Hash([.. prefix, .. body]);
    }

    public static ViewingKeyGrant Create(ulong chainId, ReadOnlySpan<byte> compressedViewingKey, ReadOnlySpan<byte> accountPrivateKey)
    {
        var hash = PersonalMessageHash(Message(chainId, compressedViewingKey)).ToArray();
        var signature = Secp256k1.Sign(hash, accountPrivateKey);
        signature[64] += 27; // wallets produce v = 27/28 for personal messages
        return new ViewingKeyGrant(compressedViewingKey.ToArray(), signature);
    }

    /// <summary>The account that granted this key, or null if the grant is malformed or its signature invalid.</summary>
    public Address? RecoverAccount(ulong chainId)
    {
        if (ViewingPublicKey.Length != CompressedKeySize || Signature.Length != 65 || Signature[64] is not (27 or 28)) return null;
        Span<byte> point = stackalloc byte[Secp256k1.PublicKeySize];
        if (!Secp256k1.TryNormalizePublicKey(ViewingPublicKey, point)) return null;
        var hash = PersonalMessageHash(Message(chainId, ViewingPublicKey)).ToArray();
        Span<byte> compact = stackalloc byte[65];
        Signature.CopyTo(compact);
        compact[64] -= 27;
        return Secp256k1.TryRecoverAddress(hash, compact, out var account) ? account : null;
    }
}
