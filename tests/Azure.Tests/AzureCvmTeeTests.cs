using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Obscuro.Azure.Tests.Fakes;
using Obscuro.Grains.Attestation;
using Obscuro.Grains.Tee;
using Obscuro.Silo.Tee.Azure;

namespace Obscuro.Azure.Tests;

/// <summary>
/// The whole Azure CVM TEE against the fakes: vTPM (the one fake of the platform itself — no vTPM exists outside a
/// CVM), IMDS, MAA and the HSM, with the production clients, parser, custody and validator.
/// </summary>
public sealed class AzureCvmTeeTests(AzureFakes fakes) : IClassFixture<AzureFakes>, IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("obscuro-azure-cvm-").FullName;
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task An_sev_snp_vm_with_unwrap_custody_attests_seals_and_comes_back_as_itself()
    {
        fakes.KeyVault.AddRsaKey("unwrap-kek");
        var vtpm = Own(new FakeVtpm());
        var settings = Settings("unwrap-kek", SeedCustodyMode.Unwrap);
        var tee = Own(Tee(TeeKind.SevSnp, settings, vtpm));

        Assert.Throws<TeeAttestationException>(() => tee.EnclaveKey);
        await tee.VerifyAttestationAsync(CancellationToken.None);
        var seed = RandomNumberGenerator.GetBytes(32);
        var sealedSeed = tee.Seal(seed, "master-seed");
        var nonce = RandomNumberGenerator.GetBytes(32);
        var token = Encoding.UTF8.GetString(await tee.GetAttestationTokenAsync(nonce, CancellationToken.None));
        var allowed = MeasurementAllowList.Of([AttestationRegistration.MeasurementId("sevsnpvm", vtpm.Measurement)]);
        var verdict = await fakes.Validator().ValidateAsync(token, new AttestationExpectation(tee.EnclaveKey.PublicKey, nonce, allowed), CancellationToken.None);

        Assert.True(verdict.IsValid, verdict.ToString());
        Assert.Equal(AttestationProfile.SevSnpVm, verdict.Attestation!.Profile);
        Assert.False(sealedSeed.AsSpan().IndexOf(seed) >= 0);
        var wrappedFile = Path.Combine(_dataDirectory, "tee", SeedCustody.WrappedKekFileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(wrappedFile));

        var address = tee.EnclaveKey.Address;
        tee.Dispose();
        var restarted = Own(Tee(TeeKind.SevSnp, settings, vtpm));
        await restarted.OpenAsync(CancellationToken.None);

        Assert.Equal(address, restarted.EnclaveKey.Address);
        Assert.Equal(seed, restarted.Unseal(sealedSeed, "master-seed"));
        Assert.Throws<CryptographicException>(() => restarted.Unseal(sealedSeed, "enclave-key"));
    }

    [Fact]
    public async Task Self_attestation_is_reused_within_the_reattest_interval()
    {
        fakes.KeyVault.AddRsaKey("cached-kek");
        var tee = Own(Tee(TeeKind.SevSnp, Settings("cached-kek", SeedCustodyMode.Unwrap), Own(new FakeVtpm())));

        await tee.VerifyAttestationAsync(CancellationToken.None);
        var after = fakes.Maa.AttestRequests;
        await tee.VerifyAttestationAsync(CancellationToken.None);

        Assert.Equal(after, fakes.Maa.AttestRequests);
    }

    [Fact]
    public async Task Release_custody_obtains_the_same_key_through_the_vtpm_transfer_key_on_every_start()
    {
        var (version, _) = fakes.KeyVault.AddOctKey("release-kek", exportable: true, FakeKeyVaultServer.ReleasePolicy(fakes.Maa.Issuer, "sevsnpvm"));
        var vtpm = Own(new FakeVtpm());
        var settings = Settings("release-kek", SeedCustodyMode.Release);
        settings.KeyVersion = version;
        var tee = Own(Tee(TeeKind.SevSnp, settings, vtpm));

        await tee.VerifyAttestationAsync(CancellationToken.None);
        var sealedData = tee.Seal("state"u8, "state");
        var address = tee.EnclaveKey.Address;
        tee.Dispose();
        var restarted = Own(Tee(TeeKind.SevSnp, settings, vtpm));
        await restarted.OpenAsync(CancellationToken.None);

        Assert.Equal(2, vtpm.DecryptCount);
        Assert.Equal(address, restarted.EnclaveKey.Address);
        Assert.Equal("state"u8.ToArray(), restarted.Unseal(sealedData, "state"));
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "tee", SeedCustody.WrappedKekFileName)));
    }

    [Fact]
    public async Task A_release_the_policy_refuses_stops_the_tee_from_opening_and_writes_nothing()
    {
        var (version, _) = fakes.KeyVault.AddOctKey("tdx-only-kek", exportable: true, FakeKeyVaultServer.ReleasePolicy(fakes.Maa.Issuer, "tdxvm"));
        var settings = Settings("tdx-only-kek", SeedCustodyMode.Release);
        settings.KeyVersion = version;
        var tee = Own(Tee(TeeKind.SevSnp, settings, Own(new FakeVtpm())));

        var error = await Assert.ThrowsAsync<AzureServiceException>(() => tee.VerifyAttestationAsync(CancellationToken.None));

        Assert.Equal(403, error.Status);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dataDirectory, "tee")));
        Assert.Throws<TeeAttestationException>(() => tee.Seal("x"u8, "state"));
    }

    [Fact]
    public async Task A_tdx_vm_attests_through_an_imds_quote()
    {
        fakes.KeyVault.AddRsaKey("tdx-kek");
        var vtpm = Own(new FakeVtpm { ReportType = HclReportType.Tdx });
        var tee = Own(Tee(TeeKind.Tdx, Settings("tdx-kek", SeedCustodyMode.Unwrap), vtpm, AttestationProfile.TdxVm));

        await tee.VerifyAttestationAsync(CancellationToken.None);

        Assert.Equal(HclReportType.Tdx, tee.LastReport!.ReportType);
        Assert.Contains("\"quote\"", fakes.Maa.LastAttestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_that_does_not_reflect_the_written_user_data_fails_attestation()
    {
        fakes.KeyVault.AddRsaKey("stale-kek");
        var vtpm = Own(new FakeVtpm { IgnoreUserDataWrites = true });
        var tee = Own(Tee(TeeKind.SevSnp, Settings("stale-kek", SeedCustodyMode.Unwrap), vtpm));

        var error = await Assert.ThrowsAsync<TeeAttestationException>(() => tee.VerifyAttestationAsync(CancellationToken.None));

        Assert.Contains("stale report", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_report_every_mistake_at_once()
    {
        var errors = new AzureTeeSettings { AttestationEndpoint = "http://plain", CustodyMode = SeedCustodyMode.Release }.Validate();

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, error => error.Contains("TransferKeyHandle", StringComparison.Ordinal));
    }

    private AzureTeeSettings Settings(string keyName, SeedCustodyMode mode) => new()
    {
        AttestationEndpoint = fakes.Maa.BaseUri.AbsoluteUri,
        KeyVaultUri = fakes.KeyVault.BaseUri.AbsoluteUri,
        KeyName = keyName,
        CustodyMode = mode,
        TransferKeyHandle = FakeVtpm.TransferKeyHandle,
    };

    private AzureCvmTee Tee(TeeKind kind, AzureTeeSettings settings, FakeVtpm vtpm, AttestationProfile? profile = null) => new(
        kind,
        settings,
        _dataDirectory,
        vtpm,
        fakes.ImdsClient(),
        fakes.MaaClient(),
        fakes.KeyVaultClient(),
        fakes.Validator(new AttestationValidatorOptions(fakes.Maa.Issuer, [profile ?? AttestationProfile.SevSnpVm])),
        TimeProvider.System,
        NullLogger<AzureCvmTee>.Instance);

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
