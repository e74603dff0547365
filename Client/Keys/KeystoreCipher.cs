using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Obscuro.Client.Errors;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Keys;

/// <summary>
/// The cryptography of keystore format v1. scrypt is not in .NET, so the passphrase is stretched with
/// PBKDF2-HMAC-SHA256 (at least <see cref="MinimumIterations"/> iterations, OWASP's 2023 figure for it, and a 16-byte
/// random salt) into one 32-byte master key; HKDF-SHA256 expands that into the AES-256-GCM key and a 16-byte
/// passphrase check. One PBKDF2 block is all a guesser needs and all the owner pays for, so the check gives an attacker
/// nothing the GCM tag would not; it lets a wrong passphrase be told apart from an altered file. The GCM associated
/// data binds the public fields (address, viewing public key, KDF parameters), so moving a ciphertext into a file that
/// names another address, or weakening its iteration count, fails authentication.
/// </summary>
internal static class KeystoreCipher
{
    public const int MinimumIterations = 600_000;

    /// <summary>An upper bound so a hostile file cannot make unlocking take hours.</summary>
    public const int MaximumIterations = 50_000_000;

    public const int SaltSize = 16;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int CheckSize = 16;

    /// <summary>The account key then the viewing key, 32 bytes each.</summary>
    public const int PlaintextSize = 64;

    private static ReadOnlySpan<byte> EncryptionInfo => "obscuro-keystore/1 encryption"u8;

    private static ReadOnlySpan<byte> CheckInfo => "obscuro-keystore/1 passphrase check"u8;

    /// <summary>Encrypts the two keys; returns the passphrase check, the ciphertext and the tag.</summary>
    public static (byte[] Check, byte[] Ciphertext, byte[] Tag) Seal(
        ReadOnlySpan<byte> plaintext, string passphrase, Address address, ReadOnlySpan<byte> viewingPublicKey, int iterations, byte[] salt, byte[] nonce)
    {
        var encryptionKey = new byte[32];
        var check = new byte[CheckSize];
        try
        {
            Derive(passphrase, salt, iterations, encryptionKey, check);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[TagSize];
            using var aes = new AesGcm(encryptionKey, TagSize);
            aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(address, viewingPublicKey, iterations, salt));
            return (check, ciphertext, tag);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encryptionKey);
        }
    }

    /// <summary>
    /// Decrypts into <paramref name="plaintext"/>. A passphrase check mismatch is <see cref="WrongPassphraseException"/>;
    /// a matching check with a failing tag means the file was altered (<see cref="KeystoreException"/>).
    /// </summary>
    public static void Open(KeystoreDocument document, string passphrase, Span<byte> plaintext)
    {
        var encryptionKey = new byte[32];
        var check = new byte[CheckSize];
        try
        {
            Derive(passphrase, document.Salt, document.Iterations, encryptionKey, check);
            if (!CryptographicOperations.FixedTimeEquals(check, document.PassphraseCheck))
            {
                throw new WrongPassphraseException(
                    $"The passphrase does not open the keystore of {document.Address.ToChecksumString()}.",
                    "Type the passphrase chosen when this account was created or imported (check OBSCURO_PASSPHRASE if it is set). It cannot be recovered: without it, re-import the private key under a new passphrase.");
            }

            using var aes = new AesGcm(encryptionKey, TagSize);
            try
            {
                aes.Decrypt(document.Nonce, document.Ciphertext, document.Tag, plaintext, AssociatedData(document.Address, document.ViewingPublicKey, document.Iterations, document.Salt));
            }
            catch (AuthenticationTagMismatchException e)
            {
                throw new KeystoreException(
                    $"The keystore file of {document.Address.ToChecksumString()} was altered: the passphrase is right but the encrypted keys or the fields they are bound to changed.",
                    "Restore the file from a backup, or re-import the private key.",
                    e);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encryptionKey);
            CryptographicOperations.ZeroMemory(check);
        }
    }

    private static void Derive(string passphrase, byte[] salt, int iterations, Span<byte> encryptionKey, Span<byte> check)
    {
        var secret = Encoding.UTF8.GetBytes(passphrase.Normalize(NormalizationForm.FormC));
        var master = new byte[32];
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(secret, salt, master, iterations, HashAlgorithmName.SHA256);
            HKDF.Expand(HashAlgorithmName.SHA256, master, encryptionKey, EncryptionInfo);
            HKDF.Expand(HashAlgorithmName.SHA256, master, check, CheckInfo);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(master);
        }
    }

    private static byte[] AssociatedData(Address address, ReadOnlySpan<byte> viewingPublicKey, int iterations, byte[] salt) =>
        Encoding.ASCII.GetBytes(string.Join(
            '|',
            "obscuro-keystore/1",
            address.ToString(),
            Hex.Encode(viewingPublicKey),
            "pbkdf2-hmac-sha256",
            iterations.ToString(CultureInfo.InvariantCulture),
            Hex.Encode(salt)));
}
