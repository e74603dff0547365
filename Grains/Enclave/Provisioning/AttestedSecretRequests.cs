using System.Collections.Concurrent;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Obscuro.Grains.Attestation;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Registration;

namespace Obscuro.Grains.Enclave.Provisioning;

/// <summary>
/// The seed goes only to an enclave whose attestation token, as registered on L1, passes <see cref="AttestationTokenValidator"/>:
/// <list type="number">
/// <item>the token is in the verified <c>register</c> call and hashes to the registered attestation hash (the extractor checks);</item>
/// <item>its issuer <c>iss</c> hashes to an authority governance accepts on L1 and to the authority the node registered
/// with; only then is that issuer pinned and its JWKS fetched (an unlisted issuer is never contacted);</item>
/// <item>RS256 signature under the issuer's published key, lifetime at the time of the registration's L1 block (so every
/// enclave reaches the same verdict however late it looks), an attestation type this TEE accepts, compliance, not
/// debuggable, the launch measurement in the L1 allow-list and equal to the registered one, and <c>user-data</c> binding
/// the registered enclave key with <see cref="AttestationNonce"/> of this network and the registering operator.</item>
/// </list>
/// <para>
/// Why the key set is fetched here, inside the enclave silo, and not handed in by the host: the token's signature is
/// the only thing that protects the seed, so whoever chooses the verification key chooses who gets the seed. Keys
/// from the untrusted host would be acceptable only if pinned or verifiable against something the enclave already
/// trusts, and MAA's keys are neither (they rotate, and their <c>x5c</c> certificates are self-signed). The enclave
/// silo is the confidential VM, so this <see cref="HttpClient"/> terminates TLS inside the TEE: the host sees only
/// ciphertext and cannot substitute keys without a certificate for the issuer's name, which governance pinned on L1
/// (as the hash of the issuer URI). Plain HTTP is allowed only for a loopback issuer, i.e. the devnet's simulated
/// authority, which is insecure by design. The fetch runs off the grain's turn, and the ingest path only reads
/// verdicts, so a slow authority delays an answer, never L1 ingestion.
/// </para>
/// Thread-safe; one per silo, shared by the enclave grains on it.
/// </summary>
public sealed class AttestedSecretRequests : ISecretRequestValidator, IDisposable
{
    /// <summary>An authority whose keys could not be fetched is asked again after this long.</summary>
    public static readonly TimeSpan RetryUnavailableAfter = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, AttestationTokenValidator> _validators = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(Address Requester, Hash256 Attestation, DateTimeOffset RegisteredAt, string Measurements), Run> _checks = new();

    public AttestedSecretRequests()
        : this(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, TimeProvider.System, ownsHttp: true)
    {
    }

    /// <param name="http">Fetches the authorities' key sets; its TLS settings are the trust anchor for https issuers.</param>
    public AttestedSecretRequests(HttpClient http, TimeProvider time, bool ownsHttp = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        _time = time;
        _ownsHttp = ownsHttp;
    }

    public SecretRequestVerdict Check(NodeRegistration requester, SecretRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(context);
        if (Precheck(requester, context, out var token, out var issuer) is { } refusal)
        {
            return refusal;
        }

        var check = Start(requester, context, token!, issuer!);
        return check.Task.IsCompletedSuccessfully ? check.Task.Result : SecretRequestVerdict.Undecided("its attestation token is being checked");
    }

    public async Task SettleAsync(IEnumerable<NodeRegistration> requesters, SecretRequestContext context, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(requesters);
        ArgumentNullException.ThrowIfNull(context);
        var running = new List<Task>();
        foreach (var requester in requesters)
        {
            if (Precheck(requester, context, out var token, out var issuer) is null)
            {
                running.Add(Start(requester, context, token!, issuer!).Task);
            }
        }

        if (running.Count > 0)
        {
            // The checks never throw (an exception is a verdict); waiting longer than allowed just leaves them running.
            await Task.WhenAny(Task.WhenAll(running), Task.Delay(wait, _time)).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        foreach (var validator in _validators.Values)
        {
            validator.Dispose();
        }

        _validators.Clear();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>The checks that need no I/O: the token is on L1, parses, and names an issuer governance accepts.</summary>
    private static SecretRequestVerdict? Precheck(NodeRegistration requester, SecretRequestContext context, out string? token, out string? issuer)
    {
        token = null;
        issuer = null;
        if (requester.AttestationToken is not { Length: > 0 } bytes)
        {
            return SecretRequestVerdict.Refuse("its attestation token is not readable from L1 (the register transaction was not a direct call to NetworkManagement)");
        }

        if (!context.AcceptedAuthorities.Contains(requester.Authority) || !context.AcceptedMeasurements.Contains(requester.Measurement))
        {
            return SecretRequestVerdict.Refuse("the measurement or attestation authority it registered with is no longer accepted on L1");
        }

        try
        {
            token = new UTF8Encoding(false, true).GetString(bytes);
            issuer = new JsonWebToken(token).Issuer;
        }
        catch (Exception e) when (e is ArgumentException or DecoderFallbackException or SecurityTokenMalformedException or FormatException)
        {
            return SecretRequestVerdict.Refuse($"{AttestationRejection.Malformed}: the attestation token is not a compact JWT");
        }

        if (string.IsNullOrEmpty(issuer))
        {
            return SecretRequestVerdict.Refuse($"{AttestationRejection.MissingClaim}: the attestation token has no issuer (iss)");
        }

        var authority = AttestationRegistration.AuthorityId(issuer);
        if (!context.AcceptedAuthorities.Contains(authority))
        {
            return SecretRequestVerdict.Refuse($"{AttestationRejection.WrongIssuer}: the token's issuer '{issuer}' is not an attestation authority governance accepts on L1");
        }

        if (authority != requester.Authority)
        {
            return SecretRequestVerdict.Refuse($"{AttestationRejection.WrongIssuer}: the token's issuer '{issuer}' is not the authority {requester.Authority} the node registered with");
        }

        return null;
    }

    private Run Start(NodeRegistration requester, SecretRequestContext context, string token, string issuer)
    {
        // The registration time is part of the question (an L1 reorg may move the registration to another block).
        var key = (requester.EnclaveAddress, requester.AttestationHash, requester.RegisteredAtTime, context.MeasurementsFingerprint);
        var now = _time.GetUtcNow();
        while (true)
        {
            if (_checks.TryGetValue(key, out var existing))
            {
                var stale = existing.Task.IsCompletedSuccessfully
                    && existing.Task.Result.Decision == SecretRequestDecision.Undecided
                    && now - existing.StartedAt >= RetryUnavailableAfter;
                if (!stale)
                {
                    return existing;
                }

                var retry = new Run(now);
                if (_checks.TryUpdate(key, retry, existing))
                {
                    retry.Start(() => ValidateAsync(requester, context, token, issuer));
                    return retry;
                }

                continue;
            }

            var check = new Run(now);
            if (_checks.TryAdd(key, check))
            {
                check.Start(() => ValidateAsync(requester, context, token, issuer));
                return check;
            }
        }
    }

    private async Task<SecretRequestVerdict> ValidateAsync(NodeRegistration requester, SecretRequestContext context, string token, string issuer)
    {
        AttestationTokenValidator validator;
        try
        {
            validator = Validator(issuer, context.AcceptedProfiles);
        }
        catch (ArgumentException e)
        {
            return SecretRequestVerdict.Refuse($"{AttestationRejection.WrongIssuer}: {e.Message}");
        }

        AttestationExpectation expected;
        try
        {
            var nonce = AttestationNonce.For(context.L1ChainId, context.NetworkManagement, requester.Operator);
            expected = new AttestationExpectation(requester.PublicKey, nonce, MeasurementAllowList.Of(context.AcceptedMeasurements))
            {
                ValidationTime = requester.RegisteredAtTime,
            };
        }
        catch (ArgumentException e)
        {
            return SecretRequestVerdict.Refuse("its registration cannot be checked: " + e.Message);
        }

        AttestationValidationResult result;
        try
        {
            result = await validator.ValidateAsync(token, expected, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AttestationAuthorityUnavailableException e)
        {
            return SecretRequestVerdict.Undecided(e.Message);
        }

        if (result.Attestation is not { } attestation)
        {
            return SecretRequestVerdict.Refuse($"{result.Rejection}: {result.Detail}");
        }

        // The contract gates on the registered measurement (and revokes by it), so it must be the one the token proves.
        return attestation.Registration.Measurement == requester.Measurement
            ? SecretRequestVerdict.Respond
            : SecretRequestVerdict.Refuse($"{AttestationRejection.MeasurementNotAllowed}: the token's measurement {attestation.Registration.Measurement} is not the registered {requester.Measurement}");
    }

    private AttestationTokenValidator Validator(string issuer, IReadOnlyList<AttestationProfile> profiles)
    {
        var name = issuer + "|" + string.Join(',', profiles.Select(p => p.AttestationType));
        if (_validators.TryGetValue(name, out var validator))
        {
            return validator;
        }

        var created = new AttestationTokenValidator(new AttestationValidatorOptions(issuer, profiles), _http, _time);
        if (_validators.TryAdd(name, created))
        {
            return created;
        }

        created.Dispose();
        return _validators[name];
    }

    /// <summary>One validation run; the task never faults (every outcome is a verdict).</summary>
    private sealed class Run(DateTimeOffset startedAt)
    {
        private readonly TaskCompletionSource<SecretRequestVerdict> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public DateTimeOffset StartedAt { get; } = startedAt;

        public Task<SecretRequestVerdict> Task => _done.Task;

        public void Start(Func<Task<SecretRequestVerdict>> validate) =>
            // Off the calling grain's scheduler: the fetch is I/O and must not hold an activation's turn.
            _ = System.Threading.Tasks.Task.Run(async () =>
            {
                try
                {
                    _done.TrySetResult(await validate().ConfigureAwait(false));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    _done.TrySetResult(SecretRequestVerdict.Undecided("the check failed unexpectedly: " + e.GetType().Name));
                }
            });
    }
}
