using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Attestation;

/// <summary>
/// The one validator for attestation tokens, from Microsoft Azure Attestation and from the devnet's simulated
/// authority alike. In order, each failure a distinct <see cref="AttestationRejection"/>:
/// <list type="number">
/// <item>a compact JWS (three parts) of bounded length, header <c>alg</c> exactly <c>RS256</c> (so <c>none</c>, HS*,
/// PS* and JWE are refused before any key is looked at), a <c>kid</c>;</item>
/// <item><c>iss</c> equal to the pinned issuer;</item>
/// <item>the key with that <c>kid</c> from the issuer's key set (refreshed on an unknown kid, rate-limited), and an
/// RS256 signature that verifies under it (Microsoft.IdentityModel's <see cref="JsonWebTokenHandler"/>);</item>
/// <item>lifetime: <c>exp</c> required, <c>nbf</c> and <c>iat</c> if present, with the configured clock skew;</item>
/// <item>claims: an accepted <c>x-ms-attestation-type</c>, its <c>x-ms-compliance-status</c>, the debug claim present
/// and <c>false</c>, the launch measurement in the caller's allow-list, and <c>x-ms-runtime.user-data</c> equal to
/// <see cref="EnclaveKeyBinding.UserData"/> of the presented key and nonce.</item>
/// </list>
/// Claims are read from the verified payload with strict JSON (duplicate names refused, exact JSON types), so a
/// <c>"false"</c> string is not a boolean and a second <c>x-ms-attestation-type</c> cannot shadow the first.
/// Thread-safe; keep one per trusted issuer.
/// </summary>
public sealed class AttestationTokenValidator : IDisposable
{
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    private readonly AttestationValidatorOptions _options;
    private readonly TimeProvider _time;
    private readonly AttestationSigningKeys _keys;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <param name="http">Used only for the key set; the caller owns it (and its TLS settings).</param>
    public AttestationTokenValidator(AttestationValidatorOptions options, HttpClient http, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        _options = options;
        _time = time ?? TimeProvider.System;
        _keys = new AttestationSigningKeys(options, http, _time);
    }

    public AttestationValidatorOptions Options => _options;

    /// <summary>How often the key set was fetched; lets tests observe caching and the refresh rate limit.</summary>
    public int KeySetFetchCount => _keys.FetchCount;

    /// <summary>
    /// Validates <paramref name="token"/> against <paramref name="expected"/>. Returns a verdict for anything wrong with
    /// the token; throws <see cref="AttestationAuthorityUnavailableException"/> only when the authority's keys could not
    /// be fetched (no verdict: try again later).
    /// </summary>
    public async Task<AttestationValidationResult> ValidateAsync(string token, AttestationExpectation expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(expected);

        if (token.Length == 0 || token.Length > _options.MaximumTokenLength)
        {
            return Reject(AttestationRejection.Malformed, $"the token is {token.Length} characters; 1 to {_options.MaximumTokenLength} are accepted");
        }

        if (token.Count(character => character == '.') != 2)
        {
            return Reject(AttestationRejection.Malformed, "the token is not a compact JWS (header.payload.signature)");
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception exception) when (exception is ArgumentException or SecurityTokenMalformedException or JsonException or FormatException)
        {
            return Reject(AttestationRejection.Malformed, "the token's header or payload is not base64url-encoded JSON");
        }

        if (!string.Equals(jwt.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return Reject(AttestationRejection.AlgorithmNotAllowed, $"header alg '{jwt.Alg}' is not RS256");
        }

        if (string.IsNullOrEmpty(jwt.Kid))
        {
            return Reject(AttestationRejection.MissingKeyId, "the header has no kid");
        }

        JsonDocument payload;
        try
        {
            payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload), StrictJson);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or ArgumentException)
        {
            return Reject(AttestationRejection.Malformed, "the payload is not strict JSON (duplicate claim names are refused)");
        }

        using (payload)
        {
            var claims = payload.RootElement;
            if (claims.ValueKind != JsonValueKind.Object)
            {
                return Reject(AttestationRejection.Malformed, "the payload is not a JSON object");
            }

            if (!TryGetString(claims, AttestationClaimNames.Issuer, out var issuer, out var issuerProblem))
            {
                return issuerProblem!;
            }

            if (!string.Equals(issuer, _options.Issuer, StringComparison.Ordinal))
            {
                return Reject(AttestationRejection.WrongIssuer, $"iss '{issuer}' is not the pinned issuer '{_options.Issuer}'");
            }

            var key = await _keys.FindAsync(jwt.Kid, cancellationToken).ConfigureAwait(false);
            if (key is null)
            {
                return Reject(AttestationRejection.UnknownKeyId, $"the authority publishes no signing key with kid '{jwt.Kid}'");
            }

            var signature = await _handler.ValidateTokenAsync(jwt, SignatureOnly(key)).ConfigureAwait(false);
            if (!signature.IsValid)
            {
                return signature.Exception is SecurityTokenInvalidAlgorithmException
                    ? Reject(AttestationRejection.AlgorithmNotAllowed, "the signature algorithm is not RS256")
                    : Reject(AttestationRejection.BadSignature, $"the signature does not verify under the authority key '{jwt.Kid}'");
            }

            return CheckClaims(token, jwt.Kid, issuer!, claims, expected);
        }
    }

    public void Dispose() => _keys.Dispose();

    private AttestationValidationResult CheckClaims(string token, string keyId, string issuer, JsonElement claims, AttestationExpectation expected)
    {
        var now = expected.ValidationTime ?? _time.GetUtcNow();
        var skew = _options.ClockSkew;

        if (!TryGetTime(claims, AttestationClaimNames.Expires, required: true, out var expires, out var problem))
        {
            return problem!;
        }

        if (now > expires!.Value + skew)
        {
            return Reject(AttestationRejection.Expired, $"the token expired at {expires.Value:O}");
        }

        if (!TryGetTime(claims, AttestationClaimNames.NotBefore, required: false, out var notBefore, out problem))
        {
            return problem!;
        }

        if (notBefore is { } nbf && nbf - skew > now)
        {
            return Reject(AttestationRejection.NotYetValid, $"the token is not valid before {nbf:O}");
        }

        if (!TryGetTime(claims, AttestationClaimNames.IssuedAt, required: false, out var issuedAt, out problem))
        {
            return problem!;
        }

        if (issuedAt is { } iat && iat - skew > now)
        {
            return Reject(AttestationRejection.NotYetValid, $"the token claims to be issued in the future ({iat:O})");
        }

        if (!TryGetString(claims, AttestationClaimNames.AttestationType, out var type, out problem))
        {
            return problem!;
        }

        var profile = _options.AcceptedProfiles.FirstOrDefault(candidate => string.Equals(candidate.AttestationType, type, StringComparison.Ordinal));
        if (profile is null)
        {
            var accepted = string.Join(", ", _options.AcceptedProfiles.Select(candidate => candidate.AttestationType));
            return Reject(AttestationRejection.AttestationTypeNotAccepted, $"{AttestationClaimNames.AttestationType} '{type}' is not accepted here (accepted: {accepted})");
        }

        if (!TryGetString(claims, AttestationClaimNames.ComplianceStatus, out var compliance, out problem))
        {
            return problem!;
        }

        if (!string.Equals(compliance, profile.ComplianceStatus, StringComparison.Ordinal))
        {
            return Reject(AttestationRejection.NotCompliant, $"{AttestationClaimNames.ComplianceStatus} is '{compliance}', not '{profile.ComplianceStatus}'");
        }

        if (!claims.TryGetProperty(profile.DebuggableClaim, out var debuggable))
        {
            return Reject(AttestationRejection.MissingClaim, $"claim {profile.DebuggableClaim} is missing");
        }

        if (debuggable.ValueKind == JsonValueKind.True)
        {
            return Reject(AttestationRejection.Debuggable, $"{profile.DebuggableClaim} is true: the TEE's memory is open to its host");
        }

        if (debuggable.ValueKind != JsonValueKind.False)
        {
            return Reject(AttestationRejection.Malformed, $"claim {profile.DebuggableClaim} is not a JSON boolean");
        }

        if (!TryGetHex(claims, profile.MeasurementClaim, profile.MeasurementSize, out var measurement, out problem))
        {
            return problem!;
        }

        var measurementId = AttestationRegistration.MeasurementId(profile.AttestationType, measurement!);
        if (!expected.Measurements.Accepts(measurementId))
        {
            return Reject(
                AttestationRejection.MeasurementNotAllowed,
                $"launch measurement {Hex.Encode(measurement, prefix: false)} (L1 id {measurementId}) is not in the allow-list");
        }

        if (!claims.TryGetProperty(AttestationClaimNames.Runtime, out var runtime))
        {
            return Reject(AttestationRejection.MissingClaim, $"claim {AttestationClaimNames.Runtime} is missing");
        }

        if (runtime.ValueKind != JsonValueKind.Object)
        {
            return Reject(AttestationRejection.Malformed, $"claim {AttestationClaimNames.Runtime} is not a JSON object");
        }

        if (!TryGetHex(runtime, AttestationClaimNames.RuntimeUserData, EnclaveKeyBinding.UserDataSize, out var userData, out problem))
        {
            return problem!;
        }

        if (!CryptographicOperations.FixedTimeEquals(userData, expected.ExpectedUserData))
        {
            return Reject(
                AttestationRejection.UserDataMismatch,
                $"{AttestationClaimNames.Runtime}.{AttestationClaimNames.RuntimeUserData} does not bind the presented enclave key with this nonce");
        }

        var vmId = claims.TryGetProperty(AttestationClaimNames.VmId, out var vm) && vm.ValueKind == JsonValueKind.String ? vm.GetString() : null;
        var policyHash = claims.TryGetProperty(AttestationClaimNames.PolicyHash, out var policy) && policy.ValueKind == JsonValueKind.String ? policy.GetString() : null;
        var attestation = new ValidatedAttestation(
            token, issuer, keyId, profile, measurement!, userData!, issuedAt ?? notBefore ?? expires.Value, expires.Value, vmId, policyHash);
        return AttestationValidationResult.Valid(attestation);
    }

    private TokenValidationParameters SignatureOnly(SecurityKey key) => new()
    {
        // Issuer, lifetime and claims are checked by this class with precise reasons; the handler checks the signature.
        ValidateIssuer = true,
        ValidIssuer = _options.Issuer,
        ValidateAudience = false,
        ValidateLifetime = false,
        RequireExpirationTime = false,
        ValidateIssuerSigningKey = false,
        RequireSignedTokens = true,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        IssuerSigningKey = key,
        TryAllIssuerSigningKeys = false,
    };

    private static AttestationValidationResult Reject(AttestationRejection rejection, string detail) => AttestationValidationResult.Rejected(rejection, detail);

    private static bool TryGetString(JsonElement claims, string name, out string? value, out AttestationValidationResult? problem)
    {
        value = null;
        problem = null;
        if (!claims.TryGetProperty(name, out var element))
        {
            problem = Reject(AttestationRejection.MissingClaim, $"claim {name} is missing");
            return false;
        }

        if (element.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(element.GetString()))
        {
            problem = Reject(AttestationRejection.Malformed, $"claim {name} is not a non-empty JSON string");
            return false;
        }

        value = element.GetString();
        return true;
    }

    private static bool TryGetTime(JsonElement claims, string name, bool required, out DateTimeOffset? value, out AttestationValidationResult? problem)
    {
        value = null;
        problem = null;
        if (!claims.TryGetProperty(name, out var element))
        {
            if (required)
            {
                problem = Reject(AttestationRejection.MissingClaim, $"claim {name} is missing");
                return false;
            }

            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var seconds) || seconds < 0 || seconds > 253402300799)
        {
            problem = Reject(AttestationRejection.Malformed, $"claim {name} is not a NumericDate (whole seconds since 1970)");
            return false;
        }

        value = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private static bool TryGetHex(JsonElement claims, string name, int size, out byte[]? value, out AttestationValidationResult? problem)
    {
        value = null;
        problem = null;
        if (!claims.TryGetProperty(name, out var element))
        {
            problem = Reject(AttestationRejection.MissingClaim, $"claim {name} is missing");
            return false;
        }

        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (text is null || text.Length != size * 2)
        {
            problem = Reject(AttestationRejection.Malformed, $"claim {name} is not {size * 2} hex digits");
            return false;
        }

        try
        {
            value = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            problem = Reject(AttestationRejection.Malformed, $"claim {name} is not {size * 2} hex digits");
            return false;
        }
    }
}
