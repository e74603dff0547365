using System.Security.Cryptography;
using Obscuro.Client.Errors;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Keys;

/// <summary>
/// A directory of keystore files, one per account (<see cref="KeystoreFormat"/>), named by lower-case address. The
/// directory is created owner-only (0700) and every file is written owner-only (0600), completely or not at all (a
/// temporary file renamed into place). Private keys and passphrases never appear in messages or exceptions.
/// </summary>
public sealed class Keystore
{
    /// <summary>Environment variable naming the keystore directory.</summary>
    public const string DirectoryVariable = "OBSCURO_WALLET";

    public const int MaxLabelLength = 64;

    /// <summary>New passphrases must be at least this long.</summary>
    public const int MinPassphraseLength = 8;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly IRandomSource _random;
    private readonly TimeProvider _time;
    private readonly int _iterations;

    /// <param name="directory">The keystore directory (created on first write).</param>
    /// <param name="random">Source of keys, salts and nonces; the system CSPRNG unless a test pins the bytes.</param>
    /// <param name="time">Clock for the creation date.</param>
    /// <param name="iterations">PBKDF2 iterations for new files; at least <see cref="KeystoreCipher.MinimumIterations"/>.</param>
    public Keystore(string directory, IRandomSource? random = null, TimeProvider? time = null, int iterations = KeystoreCipher.MinimumIterations)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, KeystoreCipher.MinimumIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, KeystoreCipher.MaximumIterations);
        Directory = Path.GetFullPath(directory);
        _random = random ?? SystemRandomSource.Instance;
        _time = time ?? TimeProvider.System;
        _iterations = iterations;
    }

    public string Directory { get; }

    /// <summary><c>$OBSCURO_WALLET</c>, else <c>~/.obscuro/wallet</c>.</summary>
    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".obscuro", "wallet");

    /// <summary>Creates an account with a fresh key and viewing key.</summary>
    public KeystoreEntry Create(string? label, string passphrase)
    {
        using var account = Secp256k1KeyPair.Generate(_random);
        return Store(account, label, passphrase);
    }

    /// <summary>Imports an existing private key (64 hex digits, optional 0x); a new viewing key is generated for it.</summary>
    public KeystoreEntry Import(string privateKeyHex, string? label, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(privateKeyHex);
        Span<byte> key = stackalloc byte[Secp256k1.PrivateKeySize];
        try
        {
            var text = privateKeyHex.AsSpan().Trim();
            try
            {
                Hex.DecodeExact(text, key);
            }
            catch (FormatException)
            {
                // The message of the FormatException could quote the input; say only what is wrong with its shape.
                throw new InputFormatException("The private key is not 32 bytes of hex.", "A private key is 64 hex digits, optionally prefixed with 0x.");
            }

            if (!Secp256k1.IsValidPrivateKey(key))
            {
                throw new InputFormatException("The private key is not a valid secp256k1 key (zero, or not below the curve order).", "Check that the whole key was copied.");
            }

            using var account = Secp256k1KeyPair.FromPrivateKey(key);
            return Store(account, label, passphrase);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Every account in the directory, oldest first. Unreadable files are reported, not skipped silently.</summary>
    public IReadOnlyList<KeystoreEntry> List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        return System.IO.Directory.EnumerateFiles(Directory, "0x*.json")
            .Select(ReadEntry)
            .OrderBy(entry => entry.Created)
            .ThenBy(entry => entry.Address)
            .ToList();
    }

    /// <summary>
    /// The account named by an address or a label; with no name, the only account in the directory. Precise errors for
    /// an empty directory, an unknown name and an ambiguous choice.
    /// </summary>
    public KeystoreEntry Find(string? addressOrLabel)
    {
        var entries = List();
        if (entries.Count == 0)
        {
            throw new KeystoreException($"There are no accounts in {Directory}.", "Create one with 'obscuro wallet new' or import a key with 'obscuro wallet import', or point --wallet at your keystore directory.");
        }

        if (string.IsNullOrWhiteSpace(addressOrLabel))
        {
            return entries.Count == 1
                ? entries[0]
                : throw new KeystoreException(
                    $"{Directory} holds {entries.Count} accounts; say which one to use.",
                    $"Pass --account with a label or address: {string.Join(", ", entries.Select(e => e.DisplayName))}.");
        }

        var name = addressOrLabel.Trim();
        var match = Address.TryParse(name, out var address, out _)
            ? entries.FirstOrDefault(e => e.Address == address)
            : entries.FirstOrDefault(e => string.Equals(e.Label, name, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new KeystoreException(
            $"No account '{name}' in {Directory}.",
            $"Known accounts: {string.Join(", ", entries.Select(e => e.DisplayName))}. Run 'obscuro wallet list'.");
    }

    /// <summary>Opens an account with its passphrase; <see cref="WrongPassphraseException"/> when it does not fit.</summary>
    public UnlockedAccount Unlock(KeystoreEntry entry, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(passphrase);
        if (!string.Equals(Path.GetDirectoryName(Path.GetFullPath(entry.Path)), Directory, StringComparison.Ordinal))
        {
            throw new KeystoreException($"{entry.Path} is not in the keystore directory {Directory}.", "Unlock accounts through the keystore that lists them.");
        }

        var document = KeystoreFormat.Read(ReadFile(entry.Path), entry.Path);
        var plaintext = GC.AllocateArray<byte>(KeystoreCipher.PlaintextSize, pinned: true);
        try
        {
            KeystoreCipher.Open(document, passphrase, plaintext);
            Secp256k1KeyPair? account = null;
            Secp256k1KeyPair? viewing = null;
            try
            {
                account = Secp256k1KeyPair.FromPrivateKey(plaintext.AsSpan(0, 32));
                viewing = Secp256k1KeyPair.FromPrivateKey(plaintext.AsSpan(32, 32));
            }
            catch (ArgumentException e)
            {
                account?.Dispose();
                throw new KeystoreException($"{entry.Path} decrypts to an invalid key.", "Restore the file from a backup, or re-import the private key.", e);
            }

            if (account.Address != document.Address || !viewing.CompressedPublicKey.SequenceEqual(document.ViewingPublicKey))
            {
                account.Dispose();
                viewing.Dispose();
                throw new KeystoreException($"{entry.Path} holds keys that do not match its address or viewing key.", "Restore the file from a backup, or re-import the private key.");
            }

            return new UnlockedAccount(entry with { Address = document.Address }, account, viewing);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private KeystoreEntry Store(Secp256k1KeyPair account, string? label, string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        label = CheckLabel(label);
        if (passphrase.Length < MinPassphraseLength)
        {
            throw new InputFormatException($"The passphrase is shorter than {MinPassphraseLength} characters.", $"Choose a passphrase of at least {MinPassphraseLength} characters; a few unrelated words are easy to remember and hard to guess.");
        }

        var existing = List();
        if (existing.Any(e => e.Address == account.Address))
        {
            throw new KeystoreException($"Account {account.Address.ToChecksumString()} is already in {Directory}.", "Use it as it is: 'obscuro wallet list' shows it.");
        }

        if (label is not null && existing.Any(e => string.Equals(e.Label, label, StringComparison.OrdinalIgnoreCase)))
        {
            throw new KeystoreException($"The label '{label}' is already used in {Directory}.", "Choose another label.");
        }

        using var viewing = Secp256k1KeyPair.Generate(_random);
        var salt = new byte[KeystoreCipher.SaltSize];
        var nonce = new byte[KeystoreCipher.NonceSize];
        _random.Fill(salt);
        _random.Fill(nonce);
        var plaintext = GC.AllocateArray<byte>(KeystoreCipher.PlaintextSize, pinned: true);
        KeystoreDocument document;
        try
        {
            account.CopyPrivateKeyTo(plaintext.AsSpan(0, 32));
            viewing.CopyPrivateKeyTo(plaintext.AsSpan(32, 32));
            var (check, ciphertext, tag) = KeystoreCipher.Seal(plaintext, passphrase, account.Address, viewing.CompressedPublicKey, _iterations, salt, nonce);
            var created = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
            document = new KeystoreDocument(account.Address, label, created, viewing.CompressedPublicKey.ToArray(), _iterations, salt, check, nonce, ciphertext, tag);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        var path = Path.Combine(Directory, FileName(account.Address));
        WriteOwnerOnly(path, KeystoreFormat.Write(document));
        return new KeystoreEntry(document.Address, document.Label, document.Created, document.ViewingPublicKey, path);
    }

    internal static string FileName(Address address) => address + ".json";

    private static string? CheckLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        label = label.Trim();
        if (label.Length > MaxLabelLength || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || label.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputFormatException(
                $"The label '{label}' is not allowed.",
                $"Use up to {MaxLabelLength} letters, digits, '-', '_' or '.', not starting with 0x (that is how addresses start).");
        }

        return label;
    }

    private void WriteOwnerOnly(string path, string contents)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(Directory, OwnerOnlyDirectory);
            }
        }

        var temporary = Path.Combine(Directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(contents);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new KeystoreException($"{path} already exists.", "Use the existing account, or move the file away first.", e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static KeystoreEntry ReadEntry(string path)
    {
        var document = KeystoreFormat.Read(ReadFile(path), path);
        if (!string.Equals(Path.GetFileName(path), FileName(document.Address), StringComparison.Ordinal))
        {
            throw new KeystoreException($"{path} holds account {document.Address.ToChecksumString()}, which does not match its file name.", $"Rename it to {FileName(document.Address)}.");
        }

        return new KeystoreEntry(document.Address, document.Label, document.Created, document.ViewingPublicKey, path);
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeystoreException($"Cannot read {path}: {e.Message}", "Check that the file exists and that you own it.", e);
        }
    }
}
