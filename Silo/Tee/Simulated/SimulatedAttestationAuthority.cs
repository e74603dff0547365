using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Obscuro.Grains.Attestation;

namespace Obscuro.Silo.Tee.Simulated;

/// <summary>
/// The devnet's attestation authority: a stand-in for Microsoft Azure Attestation that vouches for whatever the
/// simulated TEE tells it. INSECURE by design — it exists so that the attestation code path (token issuing, the JWKS,
/// the one validator, the L1 registration values) runs for real on machines without a confidential VM.
/// <para>
/// It signs RS256 JWTs with an RSA-2048 key whose self-signed certificate it publishes as <c>x5c</c> in its JWKS at
/// <c>{issuer}/certs</c>, like MAA, with MAA's claim names and its own attestation type
/// (<see cref="AttestationProfile.Simulated"/>), which only a devnet validator accepts. Keys can be rotated; retired
/// keys stay published so tokens they signed keep validating until they expire.
/// </para>
/// </summary>
public sealed class SimulatedAttestationAuthority : IDisposable
{
    public const string EvidenceType = "SimulatedVm";

    private readonly TimeProvider _time;
    private readonly List<SigningKey> _keys = [];
    private readonly Lock _lock = new();

    public SimulatedAttestationAuthority(string issuer, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        Issuer = issuer.TrimEnd('/');
        _time = time ?? TimeProvider.System;
        RotateSigningKey();
    }

    public string Issuer { get; }

    /// <summary>MAA tokens live 8 hours; so do these unless a test says otherwise.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(8);

    public string CurrentKeyId
    {
        get
        {
            lock (_lock)
            {
                return _keys[^1].KeyId;
            }
        }
    }

    /// <summary>Starts signing with a new key; the previous keys stay in the JWKS.</summary>
    public string RotateSigningKey()
    {
        var key = SigningKey.Create(_time.GetUtcNow());
        lock (_lock)
        {
            _keys.Add(key);
        }

        return key.KeyId;
    }

    /// <summary>
    /// Signs a token with <paramref name="claims"/> (raw JSON values by claim name) plus <c>iss</c>, <c>iat</c>,
    /// <c>nbf</c>, <c>exp</c> and <c>x-ms-ver</c>. Tests' fake MAA uses this to issue <c>sevsnpvm</c> tokens too.
    /// <paramref name="issuedAt"/> (default now) lets tests issue a token that has already expired.
    /// </summary>
    public string IssueToken(IReadOnlyDictionary<string, JsonElement> claims, DateTimeOffset? issuedAt = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var now = (issuedAt ?? _time.GetUtcNow()).ToUnixTimeSeconds();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(AttestationClaimNames.Issuer, Issuer);
            writer.WriteNumber(AttestationClaimNames.IssuedAt, now);
            writer.WriteNumber(AttestationClaimNames.NotBefore, now);
            writer.WriteNumber(AttestationClaimNames.Expires, now + (long)TokenLifetime.TotalSeconds);
            writer.WriteString("x-ms-ver", "1.0");
            foreach (var (name, value) in claims)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        SigningKey key;
        lock (_lock)
        {
            key = _keys[^1];
        }

        var header = new Dictionary<string, object> { ["jku"] = Issuer + "/certs" };
        return new JsonWebTokenHandler().CreateToken(Encoding.UTF8.GetString(buffer.ToArray()), key.Credentials, header);
    }

    /// <summary>
    /// A token for the simulated TEE's evidence: <paramref name="report"/> is JSON
    /// <c>{"launchMeasurement": 96 hex, "isDebuggable": bool}</c>, <paramref name="runtimeData"/> the runtime JSON
    /// (<c>keys</c>, <c>user-data</c>) that becomes <c>x-ms-runtime</c>. Throws <see cref="FormatException"/> for
    /// evidence that is not of that shape.
    /// </summary>
    public string IssueSimulatedToken(ReadOnlySpan<byte> report, ReadOnlySpan<byte> runtimeData, DateTimeOffset? issuedAt = null)
    {
        using var reportJson = ParseObject(report, "report");
        using var runtimeJson = ParseObject(runtimeData, "runtime data");
        var measurement = reportJson.RootElement.TryGetProperty("launchMeasurement", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (measurement is null || measurement.Length != 96 || !measurement.All(char.IsAsciiHexDigit))
        {
            throw new FormatException("The simulated report has no launchMeasurement of 96 hex digits.");
        }

        var debuggable = reportJson.RootElement.TryGetProperty("isDebuggable", out var d) && d.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? d.GetBoolean()
            : throw new FormatException("The simulated report has no isDebuggable boolean.");
        var userData = runtimeJson.RootElement.TryGetProperty(AttestationClaimNames.RuntimeUserData, out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        if (userData is null || userData.Length != 128 || !userData.All(char.IsAsciiHexDigit))
        {
            throw new FormatException("The simulated runtime data has no user-data of 128 hex digits.");
        }

        var profile = AttestationProfile.Simulated;
        return IssueToken(new Dictionary<string, JsonElement>
        {
            [AttestationClaimNames.AttestationType] = JsonSerializer.SerializeToElement(profile.AttestationType),
            [AttestationClaimNames.ComplianceStatus] = JsonSerializer.SerializeToElement(profile.ComplianceStatus),
            [profile.MeasurementClaim] = JsonSerializer.SerializeToElement(measurement.ToLowerInvariant()),
            [profile.DebuggableClaim] = JsonSerializer.SerializeToElement(debuggable),
            [AttestationClaimNames.Runtime] = runtimeJson.RootElement.Clone(),
        }, issuedAt);
    }

    /// <summary>
    /// The token a simulated TEE with <paramref name="enclavePublicKey"/> and <paramref name="launchMeasurement"/> (96 hex
    /// digits) gets for <paramref name="nonce"/>, issued in-process (tests use it to hand a node a token it did not ask for).
    /// </summary>
    public string IssueSimulatedToken(ReadOnlySpan<byte> enclavePublicKey, ReadOnlySpan<byte> nonce, string launchMeasurement, DateTimeOffset? issuedAt = null)
    {
        var report = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["launchMeasurement"] = launchMeasurement, ["isDebuggable"] = false });
        var runtime = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["keys"] = Array.Empty<object>(),
            ["vm-configuration"] = new Dictionary<string, object> { ["simulated"] = true },
            [AttestationClaimNames.RuntimeUserData] = Convert.ToHexString(EnclaveKeyBinding.UserData(enclavePublicKey, nonce)),
        });
        return IssueSimulatedToken(report, runtime, issuedAt);
    }

    /// <summary>The JWKS served at <c>/certs</c>: each key with <c>kid</c>, <c>kty</c>, <c>use</c> and only <c>x5c</c>, as MAA does.</summary>
    public string KeySetJson()
    {
        lock (_lock)
        {
            var keys = _keys.Select(key => new Dictionary<string, object>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = key.KeyId,
                ["x5c"] = new[] { Convert.ToBase64String(key.Certificate.RawData) },
            });
            return JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = keys.ToArray() });
        }
    }

    public string OpenIdConfigurationJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = Issuer + "/certs",
        ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
        ["response_types_supported"] = ResponseTypes,
        ["claims_supported"] = SupportedClaims,
    });

    private static readonly string[] SigningAlgorithms = [SecurityAlgorithms.RsaSha256];
    private static readonly string[] ResponseTypes = ["token", "none"];
    private static readonly string[] SupportedClaims =
    [
        AttestationClaimNames.AttestationType, AttestationClaimNames.ComplianceStatus, AttestationClaimNames.Runtime,
        AttestationClaimNames.SevSnpLaunchMeasurement, AttestationClaimNames.SevSnpIsDebuggable,
    ];

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var key in _keys)
            {
                key.Dispose();
            }

            _keys.Clear();
        }
    }

    private static JsonDocument ParseObject(ReadOnlySpan<byte> json, string what)
    {
        try
        {
            var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new FormatException($"The simulated {what} is not a JSON object.");
            }

            return document;
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The simulated {what} is not JSON.", exception);
        }
    }

    private sealed class SigningKey : IDisposable
    {
        private readonly RSA _rsa;

        private SigningKey(RSA rsa, X509Certificate2 certificate, string keyId)
        {
            _rsa = rsa;
            Certificate = certificate;
            KeyId = keyId;
            Credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256);
        }

        public X509Certificate2 Certificate { get; }

        public string KeyId { get; }

        public SigningCredentials Credentials { get; }

        public static SigningKey Create(DateTimeOffset now)
        {
            var rsa = RSA.Create(2048);
            var request = new CertificateRequest(
                "CN=Obscuro simulated attestation authority - INSECURE - devnet only", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
            // Like MAA, the kid names the certificate: here base64url(SHA-256(DER)).
            var keyId = Base64UrlEncoder.Encode(SHA256.HashData(certificate.RawData));
            return new SigningKey(rsa, certificate, keyId);
        }

        public void Dispose()
        {
            Certificate.Dispose();
            _rsa.Dispose();
        }
    }
}
