using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Obscuro.Grains.Attestation;
using Obscuro.Grains.Tee;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Tee.Azure;
using Obscuro.Silo.Tee.Simulated;

namespace Obscuro.Silo.Tee;

/// <summary>
/// A stand-in TEE for development and tests. INSECURE: the sealing key is a plain file in the data directory, so
/// anyone who can read that file can unseal everything this "enclave" sealed, its enclave key included. It exists so
/// that the sealing, key-handling and placement code paths run for real on machines without a confidential VM.
/// <para>
/// Files under <c>{data dir}/tee/</c>, both created with mode 0600: <see cref="SealingKeyFileName"/> (32 raw bytes)
/// and <see cref="EnclaveKeyFileName"/> (the enclave private key sealed under it). Attestation here means checking
/// that the sealing key file still holds the key this silo started with and is still private to its owner.
/// </para>
/// <para>
/// Attestation tokens for other enclaves come from the devnet's simulated attestation authority
/// (<see cref="SimulatedAttestationAuthority"/>), over MAA's REST contract with the production <see cref="MaaClient"/>,
/// and are checked with the same validator as Azure tokens.
/// </para>
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class SimulatedTee : ITeeEnvironment, IDisposable
{
    public const string DirectoryName = "tee";
    public const string SealingKeyFileName = "INSECURE-simulated-tee-sealing.key";
    public const string EnclaveKeyFileName = "enclave-key.sealed";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly byte[] _sealingKey;
    private readonly EnclaveKey _enclaveKey;

    private readonly SimulatedTeeSettings _settings;
    private readonly MaaClient? _authority;

    private SimulatedTee(string sealingKeyPath, byte[] sealingKey, EnclaveKey enclaveKey, SimulatedTeeSettings settings)
    {
        SealingKeyPath = sealingKeyPath;
        _sealingKey = sealingKey;
        _enclaveKey = enclaveKey;
        _settings = settings;
        _authority = string.IsNullOrEmpty(settings.AttestationAuthority) ? null : new MaaClient(new Uri(settings.AttestationAuthority));
    }

    public TeeKind Kind => TeeKind.Simulated;

    public IEnclaveKey EnclaveKey => _enclaveKey;

    public string SealingKeyPath { get; }

    /// <summary>
    /// Opens the simulated TEE in <paramref name="dataDirectory"/>, creating the sealing key and the enclave key at
    /// first boot. A sealed enclave key without its sealing key is an error, not a reason to start over: a new
    /// sealing key would silently give the node a new identity.
    /// </summary>
    public static SimulatedTee Open(string dataDirectory, ILogger<SimulatedTee> logger, SimulatedTeeSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        ArgumentNullException.ThrowIfNull(logger);
        var directory = Path.GetFullPath(Path.Combine(dataDirectory, DirectoryName));
        Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        var sealingKeyPath = Path.Combine(directory, SealingKeyFileName);
        var enclaveKeyPath = Path.Combine(directory, EnclaveKeyFileName);

        byte[] sealingKey;
        if (File.Exists(sealingKeyPath))
        {
            sealingKey = ReadSealingKey(sealingKeyPath);
        }
        else if (File.Exists(enclaveKeyPath))
        {
            throw new InvalidOperationException(
                $"Simulated TEE: {enclaveKeyPath} exists but its sealing key {sealingKeyPath} is missing, so the enclave key cannot be unsealed. " +
                "Restore the sealing key file, or delete the data directory to start as a new enclave with a new key.");
        }
        else
        {
            sealingKey = GC.AllocateUninitializedArray<byte>(AesGcmSealer.KeySize, pinned: true);
            RandomNumberGenerator.Fill(sealingKey);
            WriteOwnerOnly(sealingKeyPath, sealingKey);
        }

        LogInsecure(logger, sealingKeyPath);

        EnclaveKey enclaveKey;
        if (File.Exists(enclaveKeyPath))
        {
            enclaveKey = Tee.EnclaveKey.Unseal(sealingKey, File.ReadAllBytes(enclaveKeyPath));
            LogEnclaveKeyLoaded(logger, enclaveKey.Address);
        }
        else
        {
            enclaveKey = Tee.EnclaveKey.Generate();
            WriteOwnerOnly(enclaveKeyPath, enclaveKey.Seal(sealingKey));
            LogEnclaveKeyCreated(logger, enclaveKey.Address);
        }

        return new SimulatedTee(sealingKeyPath, sealingKey, enclaveKey, settings ?? new SimulatedTeeSettings());
    }

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string purpose) => AesGcmSealer.Seal(_sealingKey, plaintext, purpose);

    public byte[] Unseal(ReadOnlySpan<byte> sealedData, string purpose) => AesGcmSealer.Unseal(_sealingKey, sealedData, purpose);

    public async Task VerifyAttestationAsync(CancellationToken cancellationToken)
    {
        byte[] onDisk;
        try
        {
            if ((File.GetUnixFileMode(SealingKeyPath) & ~OwnerOnlyFile) != 0)
            {
                throw new TeeAttestationException($"Simulated TEE: {SealingKeyPath} is readable or writable by others than its owner.");
            }

            onDisk = await File.ReadAllBytesAsync(SealingKeyPath, cancellationToken);
        }
        catch (IOException exception)
        {
            throw new TeeAttestationException($"Simulated TEE: the sealing key file {SealingKeyPath} cannot be read.", exception);
        }

        try
        {
            if (!CryptographicOperations.FixedTimeEquals(onDisk, _sealingKey))
            {
                throw new TeeAttestationException($"Simulated TEE: the sealing key file {SealingKeyPath} changed since this silo started.");
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(onDisk);
        }
    }

    /// <summary>
    /// Asks the simulated authority for a token: the "report" is JSON with the configured launch measurement and
    /// <c>isDebuggable: false</c>; the runtime data carries <c>user-data</c> = <see cref="EnclaveKeyBinding.UserData"/>.
    /// </summary>
    public async Task<byte[]> GetAttestationTokenAsync(ReadOnlyMemory<byte> nonce, CancellationToken cancellationToken)
    {
        if (_authority is null)
        {
            throw new NotSupportedException("Simulated TEE: no attestation authority is configured (Obscuro:Simulated:AttestationAuthority).");
        }

        var userData = EnclaveKeyBinding.UserData(_enclaveKey.PublicKey.Span, nonce.Span);
        var report = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["launchMeasurement"] = _settings.LaunchMeasurement.ToLowerInvariant(),
            ["isDebuggable"] = false,
        });
        var runtime = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["keys"] = Array.Empty<object>(),
            ["vm-configuration"] = new Dictionary<string, object> { ["simulated"] = true },
            ["user-data"] = Convert.ToHexString(userData),
        });
        var token = await _authority.AttestSimulatedVmAsync(report, runtime, null, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetBytes(token);
    }

    public void Dispose()
    {
        _enclaveKey.Dispose();
        CryptographicOperations.ZeroMemory(_sealingKey);
    }

    public override string ToString() => $"SimulatedTee({SealingKeyPath}, INSECURE)";

    private static byte[] ReadSealingKey(string path)
    {
        if ((File.GetUnixFileMode(path) & ~OwnerOnlyFile) != 0)
        {
            throw new InvalidOperationException($"Simulated TEE: {path} must be readable and writable by its owner only (chmod 600).");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != AesGcmSealer.KeySize)
        {
            CryptographicOperations.ZeroMemory(bytes);
            throw new InvalidOperationException($"Simulated TEE: {path} must hold exactly {AesGcmSealer.KeySize} bytes.");
        }

        var key = GC.AllocateUninitializedArray<byte>(AesGcmSealer.KeySize, pinned: true);
        bytes.CopyTo(key, 0);
        CryptographicOperations.ZeroMemory(bytes);
        return key;
    }

    /// <summary>Creates the file with mode 0600 from the start (never world-readable, not even briefly); fails if it exists.</summary>
    private static void WriteOwnerOnly(string path, ReadOnlySpan<byte> content)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = OwnerOnlyFile,
        };
        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "INSECURE simulated TEE, for development only: the sealing key is a plain file, {Path}; whoever can read it can unseal every secret of this silo")]
    private static partial void LogInsecure(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated TEE: enclave key {Address} unsealed")]
    private static partial void LogEnclaveKeyLoaded(ILogger logger, Address address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated TEE: first boot, new enclave key {Address} generated and sealed")]
    private static partial void LogEnclaveKeyCreated(ILogger logger, Address address);
}
