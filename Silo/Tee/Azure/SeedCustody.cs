using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Obscuro.Silo.Tee.Azure.KeyVault;

namespace Obscuro.Silo.Tee.Azure;

/// <summary>
/// Seed custody on an Azure enclave silo: obtains the 32-byte key-encryption key (KEK) under which the TEE seals the
/// master seed and its other secrets (AES-256-GCM, <see cref="AesGcmSealer"/>). The KEK exists in plaintext only in
/// this process's memory; at rest it is either wrapped by the HSM (<see cref="SeedCustodyMode.Unwrap"/>) or not stored
/// at all (<see cref="SeedCustodyMode.Release"/>: the HSM releases it again at each start against a fresh attestation).
/// <para>
/// Unwrap mode keeps <c>{data}/tee/kek.wrapped</c> = JSON <c>{"kid", "alg", "value"}</c> (created 0600). At first
/// boot it generates a KEK, wraps it with the HSM key, unwraps it once to prove this identity can recover it (a KEK
/// that could not be unwrapped later would lose the seed for good), then writes the file.
/// </para>
/// </summary>
public sealed partial class SeedCustody(KeyVaultKeysClient keys, AzureTeeSettings settings, string teeDirectory, ILogger logger)
{
    public const string WrappedKekFileName = "kek.wrapped";
    public const int KekSize = AesGcmSealer.KeySize;

    /// <summary>Decrypts with the transfer key (in production: the vTPM) — used only in release mode.</summary>
    public delegate Task<byte[]> TransferKeyDecryptor(ReadOnlyMemory<byte> ciphertext, CancellationToken cancellationToken);

    /// <summary>
    /// The KEK. In release mode, <paramref name="attest"/> supplies a fresh attestation token whose runtime keys name
    /// the transfer key and <paramref name="decrypt"/> decrypts with it; unwrap mode uses neither.
    /// </summary>
    public async Task<byte[]> ObtainKekAsync(
        Func<CancellationToken, Task<string>> attest, Func<string, int> transferKeyModulusBytes, TransferKeyDecryptor decrypt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attest);
        ArgumentNullException.ThrowIfNull(transferKeyModulusBytes);
        ArgumentNullException.ThrowIfNull(decrypt);
        return settings.CustodyMode == SeedCustodyMode.Release
            ? await ReleaseAsync(attest, transferKeyModulusBytes, decrypt, cancellationToken).ConfigureAwait(false)
            : await UnwrapAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<byte[]> ReleaseAsync(
        Func<CancellationToken, Task<string>> attest, Func<string, int> transferKeyModulusBytes, TransferKeyDecryptor decrypt, CancellationToken cancellationToken)
    {
        var token = await attest(cancellationToken).ConfigureAwait(false);
        var released = await keys.ReleaseKeyAsync(settings.KeyName, NullIfEmpty(settings.KeyVersion), token, cancellationToken).ConfigureAwait(false);
        var modulusBytes = transferKeyModulusBytes(released.KeyHsm.TransferKeyId);
        var kek = await released.KeyHsm.UnwrapAsync(modulusBytes, (c, ct) => decrypt(c, ct), cancellationToken).ConfigureAwait(false);
        if (kek.Length != KekSize)
        {
            CryptographicOperations.ZeroMemory(kek);
            throw new KeyReleaseException($"The released key {released.KeyId} is {kek.Length} bytes; seed custody needs an AES-256 (oct-HSM, 256-bit) key.");
        }

        LogReleased(logger, released.KeyId);
        return kek;
    }

    private async Task<byte[]> UnwrapAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(teeDirectory, WrappedKekFileName);
        if (File.Exists(path))
        {
            var stored = ReadWrapped(path);
            var kek = await keys.UnwrapKeyAsync(settings.KeyName, VersionOf(stored.KeyId), stored.Algorithm, stored.Value, cancellationToken).ConfigureAwait(false);
            RequireKekSize(kek, stored.KeyId);
            LogUnwrapped(logger, stored.KeyId);
            return kek;
        }

        var fresh = GC.AllocateUninitializedArray<byte>(KekSize, pinned: true);
        RandomNumberGenerator.Fill(fresh);
        var wrapped = await keys.WrapKeyAsync(settings.KeyName, NullIfEmpty(settings.KeyVersion), settings.WrapAlgorithm, fresh, cancellationToken).ConfigureAwait(false);
        var check = await keys.UnwrapKeyAsync(settings.KeyName, VersionOf(wrapped.KeyId), wrapped.Algorithm, wrapped.Value, cancellationToken).ConfigureAwait(false);
        var recoverable = CryptographicOperations.FixedTimeEquals(check, fresh);
        CryptographicOperations.ZeroMemory(check);
        if (!recoverable)
        {
            CryptographicOperations.ZeroMemory(fresh);
            throw new InvalidOperationException($"Seed custody: {wrapped.KeyId} did not unwrap the key it had just wrapped; nothing was stored.");
        }

        WriteWrapped(path, wrapped);
        LogCreated(logger, wrapped.KeyId);
        return fresh;
    }

    /// <summary>The version segment of a key id <c>https://host/keys/{name}/{version}</c>.</summary>
    internal static string VersionOf(string keyId)
    {
        var segments = new Uri(keyId).AbsolutePath.Trim('/').Split('/');
        if (segments.Length != 3 || segments[0] != "keys" || segments[2].Length == 0)
        {
            throw new InvalidOperationException($"Seed custody: '{keyId}' is not a versioned key id.");
        }

        return segments[2];
    }

    private static void RequireKekSize(byte[] kek, string keyId)
    {
        if (kek.Length != KekSize)
        {
            CryptographicOperations.ZeroMemory(kek);
            throw new InvalidOperationException($"Seed custody: {keyId} unwrapped {kek.Length} bytes, not a {KekSize}-byte key.");
        }
    }

    private static WrappedKey ReadWrapped(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return new WrappedKey(
                root.GetProperty("kid").GetString() ?? throw new InvalidDataException("kid is null"),
                root.GetProperty("alg").GetString() ?? throw new InvalidDataException("alg is null"),
                Base64Url.Decode(root.GetProperty("value").GetString(), "value"));
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or InvalidDataException or FormatException)
        {
            throw new InvalidOperationException($"Seed custody: {path} is not a wrapped key file ({{\"kid\",\"alg\",\"value\"}}).", exception);
        }
    }

    private static void WriteWrapped(string path, WrappedKey wrapped)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["kid"] = wrapped.KeyId,
            ["alg"] = wrapped.Algorithm,
            ["value"] = Base64Url.Encode(wrapped.Value),
        });
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(json);
        stream.Flush(flushToDisk: true);
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed custody: sealing key released by {KeyId} against this VM's attestation")]
    private static partial void LogReleased(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed custody: sealing key unwrapped by {KeyId}")]
    private static partial void LogUnwrapped(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed custody: first boot, new sealing key wrapped by {KeyId} and stored wrapped")]
    private static partial void LogCreated(ILogger logger, string keyId);
}
