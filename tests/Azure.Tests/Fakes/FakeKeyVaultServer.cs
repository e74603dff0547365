using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Obscuro.Silo.Tee.Azure;
using Obscuro.Silo.Tee.Azure.KeyVault;

namespace Obscuro.Azure.Tests.Fakes;

/// <summary>
/// A Key Vault / Managed HSM-like keys endpoint on https://127.0.0.1: <c>POST /keys/{name}[/{version}]/wrapkey</c>,
/// <c>/unwrapkey</c>, <c>/release</c>, with api-version and bearer token required, error bodies
/// <c>{"error":{"code","message"}}</c>, injectable failures (for retries), and a real secure key release: the target
/// token's signature checked against the fake MAA's keys, the key's release policy evaluated, the key wrapped to the
/// first encrypt-capable RSA key in <c>x-ms-runtime.keys</c> (CKM_RSA_AES_KEY_WRAP) and the answer signed as a JWS
/// with an x5c chain for the vault's host name.
/// </summary>
internal sealed class FakeKeyVaultServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, List<FakeKey>> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(int Status, string Code, string Message, string? RetryAfter)> _failures = new();
    private readonly FakeMaaServer _maa;
    private int _requests;

    private FakeKeyVaultServer(WebApplication app, Uri baseUri, FakeMaaServer maa)
    {
        _app = app;
        BaseUri = baseUri;
        _maa = maa;
        ReleaseSigner = TestPki.Issue(TestPki.Root, "CN=127.0.0.1", System.Net.IPAddress.Loopback, null);
    }

    public Uri BaseUri { get; }

    public int Requests => _requests;

    /// <summary>The certificate that signs release answers (tests swap in one for another host or another root).</summary>
    public X509Certificate2 ReleaseSigner { get; set; }

    public static async Task<FakeKeyVaultServer> StartAsync(FakeMaaServer maa)
    {
        FakeKeyVaultServer? server = null;
        var (app, baseUri) = await LoopbackServer.StartAsync(
            web =>
            {
                web.MapPost("/keys/{name}/{operation}", (HttpRequest request, string name, string operation) => server!.HandleAsync(request, name, null, operation));
                web.MapPost("/keys/{name}/{version}/{operation}", (HttpRequest request, string name, string version, string operation) =>
                    server!.HandleAsync(request, name, version, operation));
            },
            TestPki.LoopbackTls);
        server = new FakeKeyVaultServer(app, baseUri, maa);
        return server;
    }

    /// <summary>The next request(s) fail with these answers before any normal processing.</summary>
    public void EnqueueFailure(int status, string code, string message, string? retryAfter = null) => _failures.Enqueue((status, code, message, retryAfter));

    public string AddRsaKey(string name)
    {
        var key = new FakeKey(Guid.NewGuid().ToString("N"), RSA.Create(2048), null, false, null);
        _keys.GetOrAdd(name, _ => []).Add(key);
        return key.Version;
    }

    public (string Version, byte[] Material) AddOctKey(string name, bool exportable, string? releasePolicyJson)
    {
        var material = RandomNumberGenerator.GetBytes(32);
        var key = new FakeKey(Guid.NewGuid().ToString("N"), null, material, exportable, releasePolicyJson);
        _keys.GetOrAdd(name, _ => []).Add(key);
        return (key.Version, material);
    }

    public string KeyId(string name, string version) => $"{BaseUri.GetLeftPart(UriPartial.Authority)}/keys/{name}/{version}";

    public static string ReleasePolicy(string authority, string attestationType) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["version"] = "1.0.0",
        ["anyOf"] = new[]
        {
            new Dictionary<string, object>
            {
                ["authority"] = authority,
                ["allOf"] = new[]
                {
                    new Dictionary<string, object> { ["claim"] = "x-ms-attestation-type", ["equals"] = attestationType },
                    new Dictionary<string, object> { ["claim"] = "x-ms-compliance-status", ["equals"] = "azure-compliant-cvm" },
                    new Dictionary<string, object> { ["claim"] = "x-ms-sevsnpvm-is-debuggable", ["equals"] = false },
                },
            },
        },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var key in _keys.Values.SelectMany(versions => versions))
        {
            key.Rsa?.Dispose();
        }

        ReleaseSigner.Dispose();
    }

    private async Task<IResult> HandleAsync(HttpRequest request, string name, string? version, string operation)
    {
        Interlocked.Increment(ref _requests);
        if (_failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfter is not null)
            {
                request.HttpContext.Response.Headers["Retry-After"] = failure.RetryAfter;
            }

            return FakeMaaServer.Error(failure.Status, failure.Code, failure.Message);
        }

        if (string.IsNullOrEmpty(request.Query["api-version"]))
        {
            return FakeMaaServer.Error(400, "MissingApiVersionParameter", "The api-version query parameter is required.");
        }

        if (request.Headers.Authorization != $"Bearer {StaticTokenCredential.Token}")
        {
            return FakeMaaServer.Error(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
        }

        if (!_keys.TryGetValue(name, out var versions) || versions.Count == 0)
        {
            return FakeMaaServer.Error(404, "KeyNotFound", $"A key with (name/id) {name} was not found in this key vault.");
        }

        var key = version is null ? versions[^1] : versions.FirstOrDefault(candidate => candidate.Version == version);
        if (key is null)
        {
            return FakeMaaServer.Error(404, "KeyNotFound", $"A key with (name/id) {name}/{version} was not found in this key vault.");
        }

        using var body = await JsonDocument.ParseAsync(request.Body);
        var kid = KeyId(name, key.Version);
        return operation switch
        {
            "wrapkey" => Wrap(body.RootElement, key, kid, wrap: true),
            "unwrapkey" => Wrap(body.RootElement, key, kid, wrap: false),
            "release" => Release(body.RootElement, key, kid, request.Query["api-version"]!),
            _ => FakeMaaServer.Error(400, "BadParameter", $"Unknown operation {operation}."),
        };
    }

    private static IResult Wrap(JsonElement body, FakeKey key, string kid, bool wrap)
    {
        var alg = body.GetProperty("alg").GetString();
        var value = System.Buffers.Text.Base64Url.DecodeFromChars(body.GetProperty("value").GetString());
        byte[] result;
        try
        {
            if (key.Rsa is not null && alg == "RSA-OAEP-256")
            {
                result = wrap ? key.Rsa.Encrypt(value, RSAEncryptionPadding.OaepSHA256) : key.Rsa.Decrypt(value, RSAEncryptionPadding.OaepSHA256);
            }
            else if (key.Material is not null && alg == "A256KW")
            {
                result = wrap ? AesKeyWrap.Wrap(key.Material, value) : AesKeyWrap.Unwrap(key.Material, value);
            }
            else
            {
                return FakeMaaServer.Error(400, "BadParameter", $"Algorithm {alg} is not supported by this key.");
            }
        }
        catch (CryptographicException)
        {
            return FakeMaaServer.Error(400, "BadParameter", "The ciphertext could not be decrypted.");
        }

        return Results.Json(new Dictionary<string, string> { ["kid"] = kid, ["value"] = System.Buffers.Text.Base64Url.EncodeToString(result) });
    }

    private IResult Release(JsonElement body, FakeKey key, string kid, string apiVersion)
    {
        if (!key.Exportable || key.ReleasePolicy is null || key.Material is null)
        {
            return FakeMaaServer.Error(400, "BadParameter", "The key is not exportable or has no release policy.");
        }

        if (body.GetProperty("enc").GetString() != KeyHsmBlob.Encryption)
        {
            return FakeMaaServer.Error(400, "BadParameter", "Unsupported enc.");
        }

        var target = body.GetProperty("target").GetString() ?? string.Empty;
        var verdict = new JsonWebTokenHandler().ValidateTokenAsync(target, new TokenValidationParameters
        {
            ValidateAudience = false,
            ValidateIssuer = false,
            ValidateLifetime = true,
            IssuerSigningKeys = new JsonWebKeySet(_maa.Authority.KeySetJson()).GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        }).GetAwaiter().GetResult();
        if (!verdict.IsValid)
        {
            return FakeMaaServer.Error(403, "AccessDenied", "Target environment attestation statement cannot be verified.");
        }

        using var claims = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(((JsonWebToken)verdict.SecurityToken).EncodedPayload));
        if (!PolicySatisfied(key.ReleasePolicy, claims.RootElement))
        {
            return FakeMaaServer.Error(403, "AccessDenied", "Target environment attestation statement does not satisfy the key release policy.");
        }

        var transfer = claims.RootElement.GetProperty("x-ms-runtime").GetProperty("keys").EnumerateArray()
            .FirstOrDefault(jwk => jwk.GetProperty("kty").GetString() == "RSA" && jwk.TryGetProperty("key_ops", out var ops) && ops.EnumerateArray().Any(op => op.GetString() == "encrypt"));
        if (transfer.ValueKind != JsonValueKind.Object)
        {
            return FakeMaaServer.Error(400, "BadParameter", "The attestation token names no encryption key.");
        }

        using var transferKey = RSA.Create(new RSAParameters
        {
            Modulus = System.Buffers.Text.Base64Url.DecodeFromChars(transfer.GetProperty("n").GetString()),
            Exponent = System.Buffers.Text.Base64Url.DecodeFromChars(transfer.GetProperty("e").GetString()),
        });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["request"] = new Dictionary<string, string> { ["api-version"] = apiVersion, ["enc"] = KeyHsmBlob.Encryption, ["kid"] = kid },
            ["response"] = new Dictionary<string, object>
            {
                ["key"] = new Dictionary<string, object>
                {
                    ["attributes"] = new Dictionary<string, object> { ["enabled"] = true, ["exportable"] = true },
                    ["key"] = new Dictionary<string, object>
                    {
                        ["kid"] = kid,
                        ["kty"] = "oct-HSM",
                        ["key_ops"] = new[] { "wrapKey", "unwrapKey", "encrypt", "decrypt" },
                        ["key_hsm"] = KeyHsmBlob.Create(transfer.GetProperty("kid").GetString()!, transferKey, key.Material),
                    },
                    ["release_policy"] = new Dictionary<string, string>
                    {
                        ["contentType"] = "application/json; charset=utf-8",
                        ["data"] = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key.ReleasePolicy)),
                    },
                },
            },
        });
        return Results.Json(new Dictionary<string, string> { ["value"] = SignJws(payload) });
    }

    private string SignJws(byte[] payload)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["alg"] = "RS256",
            ["kid"] = ReleaseSigner.Thumbprint,
            ["x5c"] = new[] { Convert.ToBase64String(ReleaseSigner.RawData), Convert.ToBase64String(TestPki.Root.RawData) },
        });
        var signingInput = System.Buffers.Text.Base64Url.EncodeToString(header) + "." + System.Buffers.Text.Base64Url.EncodeToString(payload);
        using var rsa = ReleaseSigner.GetRSAPrivateKey()!;
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
    }

    /// <summary>anyOf: the token's iss equals the authority and every allOf claim (dotted path) equals its value.</summary>
    private static bool PolicySatisfied(string policyJson, JsonElement claims)
    {
        using var policy = JsonDocument.Parse(policyJson);
        var issuer = claims.GetProperty("iss").GetString();
        return policy.RootElement.GetProperty("anyOf").EnumerateArray().Any(alternative =>
            alternative.GetProperty("authority").GetString() == issuer &&
            alternative.GetProperty("allOf").EnumerateArray().All(condition => ClaimEquals(claims, condition.GetProperty("claim").GetString()!, condition.GetProperty("equals"))));
    }

    private static bool ClaimEquals(JsonElement claims, string path, JsonElement expected)
    {
        var current = claims;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return false;
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => expected.ValueKind == JsonValueKind.String && current.GetString() == expected.GetString(),
            JsonValueKind.True or JsonValueKind.False => expected.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? current.GetBoolean() == expected.GetBoolean()
                : string.Equals(expected.GetString(), current.GetBoolean() ? "true" : "false", StringComparison.Ordinal),
            _ => false,
        };
    }

    private sealed record FakeKey(string Version, RSA? Rsa, byte[]? Material, bool Exportable, string? ReleasePolicy);
}
