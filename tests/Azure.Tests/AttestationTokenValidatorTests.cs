using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Obscuro.Azure.Tests.Fakes;
using Obscuro.Grains.Attestation;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Tee.Simulated;

namespace Obscuro.Azure.Tests;

/// <summary>The one validator, against tokens from the MAA-like fake fetched over HTTPS: each rejection reason once.</summary>
public sealed class AttestationTokenValidatorTests(AzureFakes fakes) : IClassFixture<AzureFakes>
{
    private static readonly byte[] Measurement = Enumerable.Range(0, 48).Select(i => (byte)(0x30 + i)).ToArray();
    private static readonly byte[] PublicKey = RandomNumberGenerator.GetBytes(64);
    private static readonly byte[] Nonce = "registration nonce"u8.ToArray();

    private static MeasurementAllowList Allowed => MeasurementAllowList.Of([AttestationRegistration.MeasurementId("sevsnpvm", Measurement)]);

    private static AttestationExpectation Expectation(MeasurementAllowList? measurements = null, DateTimeOffset? at = null) =>
        new(PublicKey, Nonce, measurements ?? Allowed) { ValidationTime = at };

    private string ValidToken(Action<Dictionary<string, JsonElement>>? change = null)
    {
        var claims = FakeMaaServer.SevSnpClaims(Measurement, EnclaveKeyBinding.UserData(PublicKey, Nonce));
        change?.Invoke(claims);
        return fakes.Maa.Issue(claims);
    }

    [Fact]
    public async Task A_valid_token_yields_its_values_and_the_L1_registration_values()
    {
        var token = ValidToken();

        var result = await fakes.Validator().ValidateAsync(token, Expectation(), CancellationToken.None);

        Assert.True(result.IsValid, result.ToString());
        var attestation = result.Attestation!;
        Assert.Equal(AttestationProfile.SevSnpVm, attestation.Profile);
        Assert.Equal(Measurement, attestation.Measurement.ToArray());
        Assert.Equal(FakeMaaServer.VmId, attestation.VmId);
        Assert.Equal(Keccak256.Hash(Encoding.UTF8.GetBytes(token)), attestation.Registration.AttestationHash);
        Assert.Equal(Keccak256.Hash([.. "sevsnpvm"u8, 0, .. Measurement]), attestation.Registration.Measurement);
        Assert.Equal(Keccak256.Hash(Encoding.UTF8.GetBytes(fakes.Maa.Issuer)), attestation.Registration.Authority);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused_without_fetching_its_keys()
    {
        using var other = new SimulatedAttestationAuthority("https://attacker.attest.example");
        var validator = fakes.Validator();
        var token = other.IssueToken(FakeMaaServer.SevSnpClaims(Measurement, EnclaveKeyBinding.UserData(PublicKey, Nonce)));

        var result = await validator.ValidateAsync(token, Expectation(), CancellationToken.None);

        Assert.Equal(AttestationRejection.WrongIssuer, result.Rejection);
        Assert.Equal(0, validator.KeySetFetchCount);
    }

    [Fact]
    public async Task An_unknown_key_id_refreshes_the_key_set_once_within_the_rate_limit()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var validator = fakes.Validator(time: clock);
        using var impostor = new SimulatedAttestationAuthority(fakes.Maa.Issuer); // same iss, keys nobody publishes
        var forged = impostor.IssueToken(FakeMaaServer.SevSnpClaims(Measurement, EnclaveKeyBinding.UserData(PublicKey, Nonce)));
        var at = clock.GetUtcNow();

        Assert.True((await validator.ValidateAsync(ValidToken(), Expectation(at: at), CancellationToken.None)).IsValid);
        clock.Advance(TimeSpan.FromMinutes(2));
        var first = await validator.ValidateAsync(forged, Expectation(at: at), CancellationToken.None);
        var second = await validator.ValidateAsync(forged, Expectation(at: at), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        var third = await validator.ValidateAsync(forged, Expectation(at: at), CancellationToken.None);

        Assert.Equal(AttestationRejection.UnknownKeyId, first.Rejection);
        Assert.Equal(AttestationRejection.UnknownKeyId, second.Rejection);
        Assert.Equal(AttestationRejection.UnknownKeyId, third.Rejection);
        Assert.Equal(3, validator.KeySetFetchCount); // initial, one refresh, one more only after the interval
    }

    [Fact]
    public async Task A_rotated_signing_key_is_picked_up_by_refreshing_on_its_new_key_id()
    {
        var validator = fakes.Validator(new AttestationValidatorOptions(fakes.Maa.Issuer, [AttestationProfile.SevSnpVm]) { MinimumKeyRefreshInterval = TimeSpan.Zero });
        Assert.True((await validator.ValidateAsync(ValidToken(), Expectation(), CancellationToken.None)).IsValid);

        fakes.Maa.Authority.RotateSigningKey();
        var result = await validator.ValidateAsync(ValidToken(), Expectation(), CancellationToken.None);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(fakes.Maa.Authority.CurrentKeyId, result.Attestation!.KeyId);
        Assert.Equal(2, validator.KeySetFetchCount);
    }

    [Fact]
    public async Task Expired_and_not_yet_valid_tokens_are_refused()
    {
        var token = ValidToken();
        var validator = fakes.Validator();

        var expired = await validator.ValidateAsync(token, Expectation(at: DateTimeOffset.UtcNow.AddHours(9)), CancellationToken.None);
        var early = await validator.ValidateAsync(token, Expectation(at: DateTimeOffset.UtcNow.AddHours(-1)), CancellationToken.None);
        var withinSkew = await validator.ValidateAsync(token, Expectation(at: DateTimeOffset.UtcNow.AddHours(8).AddMinutes(1)), CancellationToken.None);

        Assert.Equal(AttestationRejection.Expired, expired.Rejection);
        Assert.Equal(AttestationRejection.NotYetValid, early.Rejection);
        Assert.True(withinSkew.IsValid, withinSkew.ToString());
    }

    [Fact]
    public async Task Alg_none_and_hmac_tokens_are_refused_before_any_key_is_used()
    {
        var parts = ValidToken().Split('.');
        var kid = fakes.Maa.Authority.CurrentKeyId;
        var none = Encode($$"""{"alg":"none","kid":"{{kid}}","typ":"JWT"}""") + "." + parts[1] + ".";
        var hmacHeader = Encode($$"""{"alg":"HS256","kid":"{{kid}}","typ":"JWT"}""");
        // The classic confusion attack: HMAC keyed with the authority's public certificate.
        var secret = Encoding.UTF8.GetBytes(fakes.Maa.Authority.KeySetJson());
        var hmac = hmacHeader + "." + parts[1] + "." + System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(hmacHeader + "." + parts[1])));
        var validator = fakes.Validator();

        Assert.Equal(AttestationRejection.AlgorithmNotAllowed, (await validator.ValidateAsync(none, Expectation(), CancellationToken.None)).Rejection);
        Assert.Equal(AttestationRejection.AlgorithmNotAllowed, (await validator.ValidateAsync(hmac, Expectation(), CancellationToken.None)).Rejection);
        Assert.Equal(0, validator.KeySetFetchCount);
    }

    [Fact]
    public async Task Tampered_claims_break_the_signature()
    {
        var parts = ValidToken(claims => claims[AttestationClaimNames.SevSnpIsDebuggable] = JsonSerializer.SerializeToElement(true)).Split('.');
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))
            .Replace("\"x-ms-sevsnpvm-is-debuggable\":true", "\"x-ms-sevsnpvm-is-debuggable\":false", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Encode(payload) + "." + parts[2];

        var result = await fakes.Validator().ValidateAsync(tampered, Expectation(), CancellationToken.None);

        Assert.Equal(AttestationRejection.BadSignature, result.Rejection);
    }

    [Fact]
    public async Task User_data_for_another_key_or_another_nonce_is_refused()
    {
        var otherKey = ValidToken(claims => claims[AttestationClaimNames.Runtime] = RuntimeWith(EnclaveKeyBinding.UserData(RandomNumberGenerator.GetBytes(64), Nonce)));
        var otherNonce = ValidToken(claims => claims[AttestationClaimNames.Runtime] = RuntimeWith(EnclaveKeyBinding.UserData(PublicKey, "other"u8)));
        var validator = fakes.Validator();

        Assert.Equal(AttestationRejection.UserDataMismatch, (await validator.ValidateAsync(otherKey, Expectation(), CancellationToken.None)).Rejection);
        Assert.Equal(AttestationRejection.UserDataMismatch, (await validator.ValidateAsync(otherNonce, Expectation(), CancellationToken.None)).Rejection);
    }

    [Fact]
    public async Task A_measurement_outside_the_allow_list_is_refused_and_self_check_accepts_any()
    {
        var token = ValidToken();
        var validator = fakes.Validator();
        var otherList = MeasurementAllowList.Of([AttestationRegistration.MeasurementId("sevsnpvm", new byte[48])]);
        var sameBytesOtherType = MeasurementAllowList.Of([AttestationRegistration.MeasurementId("tdxvm", Measurement)]);

        Assert.Equal(AttestationRejection.MeasurementNotAllowed, (await validator.ValidateAsync(token, Expectation(otherList), CancellationToken.None)).Rejection);
        Assert.Equal(AttestationRejection.MeasurementNotAllowed, (await validator.ValidateAsync(token, Expectation(sameBytesOtherType), CancellationToken.None)).Rejection);
        Assert.True((await validator.ValidateAsync(token, Expectation(MeasurementAllowList.AnyForSelfCheck), CancellationToken.None)).IsValid);
    }

    public static TheoryData<string, AttestationRejection> ClaimProblems => new()
    {
        { "debuggable", AttestationRejection.Debuggable },
        { "debuggable-as-string", AttestationRejection.Malformed },
        { "not-compliant", AttestationRejection.NotCompliant },
        { "simulated-type", AttestationRejection.AttestationTypeNotAccepted },
        { "no-runtime", AttestationRejection.MissingClaim },
        { "no-measurement", AttestationRejection.MissingClaim },
        { "short-measurement", AttestationRejection.Malformed },
        { "no-debug-claim", AttestationRejection.MissingClaim },
    };

    [Theory]
    [MemberData(nameof(ClaimProblems))]
    public async Task Each_required_claim_is_checked(string problem, AttestationRejection expected)
    {
        var token = ValidToken(claims =>
        {
            switch (problem)
            {
                case "debuggable": claims[AttestationClaimNames.SevSnpIsDebuggable] = JsonSerializer.SerializeToElement(true); break;
                case "debuggable-as-string": claims[AttestationClaimNames.SevSnpIsDebuggable] = JsonSerializer.SerializeToElement("false"); break;
                case "not-compliant": claims[AttestationClaimNames.ComplianceStatus] = JsonSerializer.SerializeToElement("azure-non-compliant"); break;
                case "simulated-type": claims[AttestationClaimNames.AttestationType] = JsonSerializer.SerializeToElement("simulated"); break;
                case "no-runtime": claims.Remove(AttestationClaimNames.Runtime); break;
                case "no-measurement": claims.Remove(AttestationClaimNames.SevSnpLaunchMeasurement); break;
                case "short-measurement": claims[AttestationClaimNames.SevSnpLaunchMeasurement] = JsonSerializer.SerializeToElement("abcd"); break;
                case "no-debug-claim": claims.Remove(AttestationClaimNames.SevSnpIsDebuggable); break;
            }
        });

        var result = await fakes.Validator().ValidateAsync(token, Expectation(), CancellationToken.None);

        Assert.Equal(expected, result.Rejection);
        Assert.Throws<AttestationRejectedException>(() => result.ThrowIfRejected());
    }

    [Fact]
    public async Task Garbage_is_malformed_and_an_unreachable_authority_is_not_a_verdict()
    {
        var validator = fakes.Validator();
        Assert.Equal(AttestationRejection.Malformed, (await validator.ValidateAsync("not.a.jwt", Expectation(), CancellationToken.None)).Rejection);
        Assert.Equal(AttestationRejection.Malformed, (await validator.ValidateAsync("abc", Expectation(), CancellationToken.None)).Rejection);

        var unreachable = fakes.Validator(new AttestationValidatorOptions(fakes.Maa.Issuer, [AttestationProfile.SevSnpVm]) { SigningKeysUri = new Uri(fakes.Maa.BaseUri, "/missing") });
        await Assert.ThrowsAsync<AttestationAuthorityUnavailableException>(() => unreachable.ValidateAsync(ValidToken(), Expectation(), CancellationToken.None));
    }

    [Fact]
    public void An_issuer_over_plain_http_is_refused_unless_loopback()
    {
        Assert.Throws<ArgumentException>(() => AttestationValidatorOptions.ForAzure("http://obscuro.weu.attest.azure.net"));
        Assert.Equal("http://127.0.0.1:1234", AttestationValidatorOptions.ForDevnet("http://127.0.0.1:1234").Issuer);
    }

    private static JsonElement RuntimeWith(byte[] userData) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["keys"] = Array.Empty<object>(), ["user-data"] = Convert.ToHexString(userData) });

    private static string Encode(string json) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
