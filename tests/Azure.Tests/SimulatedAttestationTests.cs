using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Obscuro.Grains.Attestation;
using Obscuro.Grains.Tee;
using Obscuro.Silo.Tee;
using Obscuro.Silo.Tee.Azure;
using Obscuro.Silo.Tee.Simulated;

namespace Obscuro.Azure.Tests;

/// <summary>
/// The devnet path of issue 6: the simulated TEE gets its token from the simulated authority over HTTP, and the same
/// validator accepts it only in a devnet configuration.
/// </summary>
public sealed class SimulatedAttestationTests : IAsyncLifetime, IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("obscuro-azure-tests-").FullName;
    private SimulatedAttestationAuthorityHost _authority = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _authority = await SimulatedAttestationAuthorityHost.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));

    public async Task DisposeAsync()
    {
        await _authority.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task The_simulated_tee_token_passes_the_devnet_validator_and_binds_its_key()
    {
        using var tee = Open(_dataDirectory);
        var nonce = RandomNumberGenerator.GetBytes(32);
        var token = Encoding.UTF8.GetString(await ((ITeeEnvironment)tee).GetAttestationTokenAsync(nonce, CancellationToken.None));
        using var validator = new AttestationTokenValidator(AttestationValidatorOptions.ForDevnet(_authority.BaseUri.GetLeftPart(UriPartial.Authority)), _http);
        var measurement = AttestationRegistration.MeasurementId("simulated", Convert.FromHexString(SimulatedTeeSettings.DefaultLaunchMeasurement));

        var valid = await validator.ValidateAsync(token, new AttestationExpectation(tee.EnclaveKey.PublicKey, nonce, MeasurementAllowList.Of([measurement])), CancellationToken.None);
        var otherKey = await validator.ValidateAsync(token, new AttestationExpectation(RandomNumberGenerator.GetBytes(64), nonce, MeasurementAllowList.Of([measurement])), CancellationToken.None);

        Assert.True(valid.IsValid, valid.ToString());
        Assert.Equal(measurement, valid.Attestation!.Registration.Measurement);
        Assert.Equal(AttestationRejection.UserDataMismatch, otherKey.Rejection);
    }

    [Fact]
    public async Task An_azure_validator_refuses_a_simulated_token_and_a_devnet_node_with_another_measurement_is_refused()
    {
        using var tee = Open(_dataDirectory, measurement: new string('e', 96));
        var nonce = RandomNumberGenerator.GetBytes(16);
        var token = Encoding.UTF8.GetString(await ((ITeeEnvironment)tee).GetAttestationTokenAsync(nonce, CancellationToken.None));
        var issuer = _authority.BaseUri.GetLeftPart(UriPartial.Authority);
        using var azure = new AttestationTokenValidator(new AttestationValidatorOptions(issuer, [AttestationProfile.SevSnpVm, AttestationProfile.TdxVm]), _http);
        using var devnet = new AttestationTokenValidator(AttestationValidatorOptions.ForDevnet(issuer), _http);
        var governed = MeasurementAllowList.Of([AttestationRegistration.MeasurementId("simulated", Convert.FromHexString(SimulatedTeeSettings.DefaultLaunchMeasurement))]);
        var expectation = new AttestationExpectation(tee.EnclaveKey.PublicKey, nonce, governed);

        Assert.Equal(AttestationRejection.AttestationTypeNotAccepted, (await azure.ValidateAsync(token, expectation, CancellationToken.None)).Rejection);
        Assert.Equal(AttestationRejection.MeasurementNotAllowed, (await devnet.ValidateAsync(token, expectation, CancellationToken.None)).Rejection);
    }

    [Fact]
    public async Task The_authority_serves_its_metadata_and_keys_and_refuses_a_request_without_api_version()
    {
        var configuration = await _http.GetStringAsync(new Uri(_authority.BaseUri, "/.well-known/openid-configuration"));
        var keys = await _http.GetStringAsync(new Uri(_authority.BaseUri, "/certs"));
        using var refused = await _http.PostAsync(new Uri(_authority.BaseUri, "/attest/SimulatedVm"), new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Contains("\"jwks_uri\":\"" + _authority.Authority.Issuer + "/certs\"", configuration, StringComparison.Ordinal);
        Assert.Contains("\"x5c\"", keys, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("MissingApiVersionParameter", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_evidence_is_a_typed_service_error()
    {
        var client = new MaaClient(_authority.BaseUri);

        var error = await Assert.ThrowsAsync<AzureServiceException>(() => client.AttestSimulatedVmAsync("{}"u8.ToArray(), "{}"u8.ToArray(), null, CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidParameter", error.ErrorCode);
    }

    [Fact]
    public async Task Without_an_authority_the_simulated_tee_and_a_host_silo_cannot_attest()
    {
        using var tee = SimulatedTee.Open(_dataDirectory, NullLogger<SimulatedTee>.Instance);
        ITeeEnvironment none = new NoTee();

        await Assert.ThrowsAsync<NotSupportedException>(() => ((ITeeEnvironment)tee).GetAttestationTokenAsync(new byte[8], CancellationToken.None));
        await Assert.ThrowsAsync<NotSupportedException>(() => none.GetAttestationTokenAsync(new byte[8], CancellationToken.None));
    }

    private SimulatedTee Open(string directory, string? measurement = null) => SimulatedTee.Open(
        directory,
        NullLogger<SimulatedTee>.Instance,
        new SimulatedTeeSettings { AttestationAuthority = _authority.BaseUri.AbsoluteUri, LaunchMeasurement = measurement ?? SimulatedTeeSettings.DefaultLaunchMeasurement });
}
