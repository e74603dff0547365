using System.Collections.Immutable;
using System.Net;
using System.Text;
using Obscuro.Grains.Attestation;
using Obscuro.Grains.Enclave;
using Obscuro.Grains.Enclave.Provisioning;
using Obscuro.Grains.Tee;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Registration;
using Obscuro.Silo.Tee.Simulated;

namespace Obscuro.Grains.Tests.Provisioning;

/// <summary>
/// The rule a provisioned enclave applies before it sends the seed, against a real simulated attestation authority on
/// 127.0.0.1 (its JWKS fetched over HTTP like MAA's): one accepted registration, then each way a registration fails.
/// </summary>
public sealed class AttestedSecretRequestsTests : IAsyncLifetime, IDisposable
{
    private const ulong ChainId = 31337;
    private static readonly Address NetworkManagement = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static readonly Address Operator = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private static readonly string Launch = SimulatedTeeSettings.DefaultLaunchMeasurement;
    private static readonly Hash256 Measurement = AttestationRegistration.MeasurementId(AttestationProfile.Simulated.AttestationType, Convert.FromHexString(Launch));

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Secp256k1KeyPair _key = Secp256k1KeyPair.Generate(SystemRandomSource.Instance);
    private SimulatedAttestationAuthorityHost _authority = null!;
    private SimulatedAttestationAuthorityHost _rogue = null!;
    private AttestedSecretRequests _requests = null!;

    private SimulatedAttestationAuthority Authority => _authority.Authority;

    private Hash256 AuthorityId => AttestationRegistration.AuthorityId(Authority.Issuer);

    private SecretRequestContext Context => new(
        ChainId, NetworkManagement, [Measurement], [AuthorityId], SecretRequestContext.ProfilesFor(TeeKind.Simulated));

    public async Task InitializeAsync()
    {
        _authority = await SimulatedAttestationAuthorityHost.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        _rogue = await SimulatedAttestationAuthorityHost.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        _requests = new AttestedSecretRequests(_http, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        _requests.Dispose();
        await _authority.DisposeAsync();
        await _rogue.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task A_token_from_the_accepted_authority_binding_the_registered_key_gets_the_seed()
    {
        var verdict = await VerdictAsync(Registration(Token()));
        Assert.Equal(SecretRequestDecision.Respond, verdict.Decision);
    }

    [Fact]
    public async Task A_token_from_an_authority_governance_did_not_accept_is_refused_without_contacting_it()
    {
        var token = _rogue.Authority.IssueSimulatedToken(_key.PublicKey, Nonce(), Launch);
        var verdict = await VerdictAsync(Registration(token));
        Assert.Equal(SecretRequestDecision.Refuse, verdict.Decision);
        Assert.Contains(nameof(AttestationRejection.WrongIssuer), verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("not an attestation authority governance accepts", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_expired_when_it_was_registered_is_refused()
    {
        var token = Authority.IssueSimulatedToken(_key.PublicKey, Nonce(), Launch, DateTimeOffset.UtcNow.AddHours(-9));
        var verdict = await VerdictAsync(Registration(token));
        Assert.Equal(SecretRequestDecision.Refuse, verdict.Decision);
        Assert.StartsWith(nameof(AttestationRejection.Expired), verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifetime_is_judged_at_the_registration_block_so_a_late_responder_still_answers()
    {
        var registration = Registration(Token()) with { RegisteredAtTime = DateTimeOffset.UtcNow.AddMinutes(-1) };
        Assert.Equal(SecretRequestDecision.Respond, (await VerdictAsync(registration)).Decision);

        var tooLate = Registration(Token()) with { RegisteredAtTime = DateTimeOffset.UtcNow.AddHours(9) };
        Assert.Equal(SecretRequestDecision.Refuse, (await VerdictAsync(tooLate)).Decision);
    }

    [Fact]
    public async Task A_measurement_outside_the_L1_allow_list_is_refused()
    {
        var other = Convert.ToHexStringLower(System.Security.Cryptography.SHA384.HashData("another enclave build"u8));
        var verdict = await VerdictAsync(Registration(Authority.IssueSimulatedToken(_key.PublicKey, Nonce(), other)));
        Assert.Equal(SecretRequestDecision.Refuse, verdict.Decision);
        Assert.StartsWith(nameof(AttestationRejection.MeasurementNotAllowed), verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_binding_another_key_is_refused()
    {
        using var other = Secp256k1KeyPair.Generate(SystemRandomSource.Instance);
        var verdict = await VerdictAsync(Registration(Authority.IssueSimulatedToken(other.PublicKey, Nonce(), Launch)));
        Assert.Equal(SecretRequestDecision.Refuse, verdict.Decision);
        Assert.StartsWith(nameof(AttestationRejection.UserDataMismatch), verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_bound_to_another_operator_or_network_is_refused()
    {
        var nonce = AttestationNonce.For(ChainId, NetworkManagement, Address.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"));
        var verdict = await VerdictAsync(Registration(Authority.IssueSimulatedToken(_key.PublicKey, nonce, Launch)));
        Assert.StartsWith(nameof(AttestationRejection.UserDataMismatch), verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_whose_issuer_is_not_the_registered_authority_is_refused()
    {
        var verdict = await VerdictAsync(Registration(Token()) with { Authority = Keccak256.Hash("another accepted authority"u8) },
            Context with { AcceptedAuthorities = [AuthorityId, Keccak256.Hash("another accepted authority"u8)] });
        Assert.Equal(SecretRequestDecision.Refuse, verdict.Decision);
        Assert.Contains("not the authority", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registration_whose_token_is_not_readable_from_L1_is_refused()
    {
        var verdict = _requests.Check(Registration(Token()) with { AttestationToken = null }, Context);
        Assert.Equal(SecretRequestDecision.Refuse, verdict.Decision);
        Assert.Contains("not readable from L1", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_simulated_token_is_refused_by_a_confidential_VM()
    {
        var verdict = await VerdictAsync(Registration(Token()), Context with { AcceptedProfiles = SecretRequestContext.ProfilesFor(TeeKind.SevSnp) });
        Assert.StartsWith(nameof(AttestationRejection.AttestationTypeNotAccepted), verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authority_that_cannot_be_reached_leaves_the_request_undecided()
    {
        var authority = await SimulatedAttestationAuthorityHost.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        var token = authority.Authority.IssueSimulatedToken(_key.PublicKey, Nonce(), Launch);
        var context = Context with { AcceptedAuthorities = [AttestationRegistration.AuthorityId(authority.Authority.Issuer)] };
        var registration = Registration(token) with { Authority = AttestationRegistration.AuthorityId(authority.Authority.Issuer) };
        await authority.DisposeAsync();

        var verdict = await VerdictAsync(registration, context);
        Assert.Equal(SecretRequestDecision.Undecided, verdict.Decision);
    }

    [Fact]
    public void The_verdict_is_not_waited_for_on_the_ingest_path()
    {
        var verdict = _requests.Check(Registration(Token()), Context);
        Assert.NotEqual(SecretRequestDecision.Refuse, verdict.Decision);
    }

    private async Task<SecretRequestVerdict> VerdictAsync(NodeRegistration registration, SecretRequestContext? context = null)
    {
        context ??= Context;
        await _requests.SettleAsync([registration], context, TimeSpan.FromSeconds(10));
        return _requests.Check(registration, context);
    }

    private string Token() => Authority.IssueSimulatedToken(_key.PublicKey, Nonce(), Launch);

    private static byte[] Nonce() => AttestationNonce.For(ChainId, NetworkManagement, Operator);

    private NodeRegistration Registration(string token)
    {
        var bytes = Encoding.UTF8.GetBytes(token);
        return new NodeRegistration(_key.Address, Operator, _key.PublicKey.ToArray(), Keccak256.Hash(bytes), Measurement, AuthorityId, true, "127.0.0.1:1", 10)
        {
            AttestationToken = bytes,
            RegisteredAtTime = DateTimeOffset.UtcNow,
        };
    }
}
