using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Obscuro.Grains.Attestation;
using Obscuro.Grains.Tee;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Tee.Azure.KeyVault;
using Obscuro.Silo.Tee.Azure.Tpm;

namespace Obscuro.Silo.Tee.Azure;

/// <summary>
/// The TEE of an enclave silo on an Azure confidential VM (AMD SEV-SNP or Intel TDX).
/// <list type="bullet">
/// <item>Attestation: write <see cref="EnclaveKeyBinding.UserData"/> to vTPM NV 0x01400002, read the HCL report from
/// 0x01400001 and parse it strictly, check the paravisor reflected the user data, then SNP: VCEK chain from IMDS THIM
/// and MAA <c>attest/SevSnpVm</c>; TDX: quote from IMDS and MAA <c>attest/TdxVm</c>.</item>
/// <item>Sealing: AES-256-GCM (<see cref="AesGcmSealer"/>) under a key-encryption key from <see cref="SeedCustody"/>
/// (HSM unwrap or attestation-bound release); the enclave key is sealed under it in <c>{data}/tee/enclave-key.sealed</c>.</item>
/// <item><see cref="VerifyAttestationAsync"/> opens the TEE on first use (the silo's start-up check), then re-attests
/// with a fresh nonce and validates the token with the same validator other enclaves use, at most once per
/// <see cref="AzureTeeSettings.ReattestInterval"/> (enclave grains call it on every activation).</item>
/// </list>
/// Before it is opened, everything that needs the key refuses with <see cref="TeeAttestationException"/>.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class AzureCvmTee : ITeeEnvironment, IDisposable
{
    private readonly AzureTeeSettings _settings;
    private readonly string _teeDirectory;
    private readonly IVtpm _vtpm;
    private readonly ImdsClient _imds;
    private readonly MaaClient _maa;
    private readonly SeedCustody _custody;
    private readonly AttestationTokenValidator _validator;
    private readonly TimeProvider _time;
    private readonly ILogger<AzureCvmTee> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _kek;
    private EnclaveKey? _enclaveKey;
    private HclReport? _lastReport;
    private DateTimeOffset? _attestedAt;

    public AzureCvmTee(
        TeeKind kind,
        AzureTeeSettings settings,
        string dataDirectory,
        IVtpm vtpm,
        ImdsClient imds,
        MaaClient maa,
        KeyVaultKeysClient keys,
        AttestationTokenValidator validator,
        TimeProvider time,
        ILogger<AzureCvmTee> logger)
    {
        if (kind is not (TeeKind.SevSnp or TeeKind.Tdx))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "An Azure confidential VM is sev-snp or tdx.");
        }

        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        Kind = kind;
        _settings = settings;
        _teeDirectory = Path.GetFullPath(Path.Combine(dataDirectory, SimulatedTee.DirectoryName));
        _vtpm = vtpm ?? throw new ArgumentNullException(nameof(vtpm));
        _imds = imds ?? throw new ArgumentNullException(nameof(imds));
        _maa = maa ?? throw new ArgumentNullException(nameof(maa));
        _validator = validator ?? throw new ArgumentNullException(nameof(validator));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _custody = new SeedCustody(keys ?? throw new ArgumentNullException(nameof(keys)), settings, _teeDirectory, logger);
    }

    public TeeKind Kind { get; }

    public IEnclaveKey EnclaveKey => _enclaveKey ?? throw NotOpened();

    /// <summary>The HCL report behind the most recent token (diagnostics and tests).</summary>
    public HclReport? LastReport => _lastReport;

    private HclReportType ReportType => Kind == TeeKind.SevSnp ? HclReportType.SevSnp : HclReportType.Tdx;

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string purpose) => AesGcmSealer.Seal(_kek ?? throw NotOpened(), plaintext, purpose);

    public byte[] Unseal(ReadOnlySpan<byte> sealedData, string purpose) => AesGcmSealer.Unseal(_kek ?? throw NotOpened(), sealedData, purpose);

    /// <summary>Obtains the sealing key from the HSM and opens (or creates) the sealed enclave key; idempotent.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_enclaveKey is not null)
            {
                return;
            }

            Directory.CreateDirectory(_teeDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            // Release mode attests before any enclave key exists: the release policy judges the VM, not a key, so the
            // user data binds only fresh randomness.
            var kek = await _custody.ObtainKekAsync(
                async ct => (await AttestAsync(SHA512.HashData(RandomNumberGenerator.GetBytes(32)), ct).ConfigureAwait(false)).Token,
                TransferKeyModulusBytes,
                (ciphertext, ct) => _vtpm.RsaDecryptOaepSha256Async(_settings.TransferKeyHandle, ciphertext, ct),
                cancellationToken).ConfigureAwait(false);
            var pinned = GC.AllocateUninitializedArray<byte>(kek.Length, pinned: true);
            kek.CopyTo(pinned, 0);
            CryptographicOperations.ZeroMemory(kek);

            var enclaveKeyPath = Path.Combine(_teeDirectory, SimulatedTee.EnclaveKeyFileName);
            EnclaveKey enclaveKey;
            if (File.Exists(enclaveKeyPath))
            {
                var sealedKey = await File.ReadAllBytesAsync(enclaveKeyPath, cancellationToken).ConfigureAwait(false);
                enclaveKey = Tee.EnclaveKey.Unseal(pinned, sealedKey);
                LogEnclaveKeyLoaded(_logger, Kind, enclaveKey.Address);
            }
            else
            {
                enclaveKey = Tee.EnclaveKey.Generate();
                WriteOwnerOnly(enclaveKeyPath, enclaveKey.Seal(pinned));
                LogEnclaveKeyCreated(_logger, Kind, enclaveKey.Address);
            }

            _kek = pinned;
            _enclaveKey = enclaveKey;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task VerifyAttestationAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (_attestedAt is { } last && now - last < _settings.ReattestInterval)
        {
            return;
        }

        var nonce = RandomNumberGenerator.GetBytes(32);
        var token = Encoding.UTF8.GetString(await GetAttestationTokenAsync(nonce, cancellationToken).ConfigureAwait(false));
        var expectation = new AttestationExpectation(EnclaveKey.PublicKey, nonce, MeasurementAllowList.AnyForSelfCheck);
        var verdict = await _validator.ValidateAsync(token, expectation, cancellationToken).ConfigureAwait(false);
        if (!verdict.IsValid)
        {
            throw new TeeAttestationException($"Azure CVM ({Kind.ToMetadataValue()}): this VM's own attestation was rejected ({verdict.Rejection}): {verdict.Detail}");
        }

        _attestedAt = now;
        LogAttested(_logger, Kind, verdict.Attestation!.Registration.Measurement);
    }

    public async Task<byte[]> GetAttestationTokenAsync(ReadOnlyMemory<byte> nonce, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var userData = EnclaveKeyBinding.UserData(EnclaveKey.PublicKey.Span, nonce.Span);
        var (token, _) = await AttestAsync(userData, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetBytes(token);
    }

    public void Dispose()
    {
        _enclaveKey?.Dispose();
        if (_kek is not null)
        {
            CryptographicOperations.ZeroMemory(_kek);
        }

        _gate.Dispose();
    }

    public override string ToString() => $"AzureCvmTee({Kind.ToMetadataValue()}, {_maa.Endpoint})";

    private async Task<(string Token, HclReport Report)> AttestAsync(byte[] userData, CancellationToken cancellationToken)
    {
        await _vtpm.WriteNvAsync(VtpmIndices.UserData, userData, cancellationToken).ConfigureAwait(false);
        var raw = await _vtpm.ReadNvAsync(VtpmIndices.HclReport, cancellationToken).ConfigureAwait(false);
        var report = HclReportParser.Parse(raw, ReportType);
        if (!CryptographicOperations.FixedTimeEquals(report.UserData.Span, userData))
        {
            throw new TeeAttestationException("Azure CVM: the HCL report does not carry the user data just written to NV index 0x01400002 (stale report).");
        }

        string token;
        if (report.ReportType == HclReportType.SevSnp)
        {
            var certification = await _imds.GetVcekCertificationAsync(cancellationToken).ConfigureAwait(false);
            token = await _maa.AttestSevSnpVmAsync(report.HardwareReport, certification.VcekCertChain, report.RuntimeData, null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var quote = await _imds.GetTdQuoteAsync(report.HardwareReport, cancellationToken).ConfigureAwait(false);
            token = await _maa.AttestTdxVmAsync(quote, report.RuntimeData, null, cancellationToken).ConfigureAwait(false);
        }

        _lastReport = report;
        return (token, report);
    }

    private int TransferKeyModulusBytes(string transferKeyId) =>
        _lastReport is { } report && report.RuntimeRsaModulusBytes.TryGetValue(transferKeyId, out var size)
            ? size
            : throw new KeyReleaseException($"The release is wrapped to '{transferKeyId}', which is not an RSA key in this VM's runtime data.");

    private TeeAttestationException NotOpened() =>
        new($"Azure CVM ({Kind.ToMetadataValue()}): the TEE is not open yet (its sealing key comes from the HSM at start-up).");

    private static void WriteOwnerOnly(string path, byte[] content)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Azure CVM {Tee}: enclave key {Address} unsealed")]
    private static partial void LogEnclaveKeyLoaded(ILogger logger, TeeKind tee, Address address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azure CVM {Tee}: first boot, new enclave key {Address} generated and sealed")]
    private static partial void LogEnclaveKeyCreated(ILogger logger, TeeKind tee, Address address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azure CVM {Tee}: attested by MAA, launch measurement id {Measurement}")]
    private static partial void LogAttested(ILogger logger, TeeKind tee, Hash256 measurement);
}
