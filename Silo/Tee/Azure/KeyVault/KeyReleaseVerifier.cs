using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Obscuro.Silo.Tee.Azure.KeyVault;

/// <summary>
/// Verifies the compact JWS a vault returns from <c>release</c> before anything in it is used:
/// <list type="number">
/// <item>header <c>alg</c> is RS256 and <c>x5c</c> carries the signing certificate first, then its issuers;</item>
/// <item>that chain builds to a trusted root (the machine's store, or <see cref="KeyVaultKeysClientOptions.ReleaseTrustRoots"/>),
/// with the configured revocation checking;</item>
/// <item>the leaf certificate is for the vault's host name (so another vault's, or anyone else's, signed answer is
/// refused);</item>
/// <item>the RS256 signature verifies under the leaf's key;</item>
/// <item>the released key id is a version of the key that was asked for, on this vault.</item>
/// </list>
/// </summary>
internal static class KeyReleaseVerifier
{
    public static ReleasedKey Verify(string jws, Uri vaultUri, string keyName, KeyVaultKeysClientOptions options)
    {
        var parts = jws.Split('.');
        if (parts.Length != 3)
        {
            throw new KeyReleaseException("The release response is not a compact JWS.");
        }

        using var header = ParseJson(parts[0], "header");
        var root = header.RootElement;
        if (!root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "RS256")
        {
            throw new KeyReleaseException("The release JWS is not signed with RS256.");
        }

        if (!root.TryGetProperty("x5c", out var x5c) || x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() == 0)
        {
            throw new KeyReleaseException("The release JWS header has no x5c certificate chain.");
        }

        var certificates = new List<X509Certificate2>();
        try
        {
            foreach (var entry in x5c.EnumerateArray())
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(entry.GetString() ?? string.Empty)));
            }
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException or InvalidOperationException)
        {
            Dispose(certificates);
            throw new KeyReleaseException("The release JWS x5c chain holds something that is not a certificate.", exception);
        }

        try
        {
            var leaf = certificates[0];
            CheckChain(leaf, certificates, options);
            if (!leaf.MatchesHostname(vaultUri.IdnHost, allowWildcards: true, allowCommonName: false))
            {
                throw new KeyReleaseException($"The release JWS is signed by a certificate that is not for {vaultUri.IdnHost}.");
            }

            using var rsa = leaf.GetRSAPublicKey() ?? throw new KeyReleaseException("The release JWS signing certificate has no RSA key.");
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            var signature = Decode(parts[2], "signature");
            if (!rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                throw new KeyReleaseException("The release JWS signature does not verify.");
            }
        }
        finally
        {
            Dispose(certificates);
        }

        using var payload = ParseJson(parts[1], "payload");
        return ReadKey(payload.RootElement, vaultUri, keyName);
    }

    private static void CheckChain(X509Certificate2 leaf, List<X509Certificate2> certificates, KeyVaultKeysClientOptions options)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = options.ReleaseRevocationMode;
        chain.ChainPolicy.ExtraStore.AddRange(certificates.Skip(1).ToArray());
        if (options.ReleaseTrustRoots is { } roots)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
        }

        if (!chain.Build(leaf))
        {
            var problems = string.Join(", ", chain.ChainStatus.Select(status => status.Status.ToString()).Distinct());
            throw new KeyReleaseException($"The release JWS certificate chain is not trusted ({problems}).");
        }
    }

    private static ReleasedKey ReadKey(JsonElement payload, Uri vaultUri, string keyName)
    {
        if (payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("response", out var response) || response.ValueKind != JsonValueKind.Object
            || !response.TryGetProperty("key", out var bundle) || bundle.ValueKind != JsonValueKind.Object
            || !bundle.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.Object)
        {
            throw new KeyReleaseException("The release JWS payload has no response.key.key.");
        }

        var kid = key.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        var kty = key.TryGetProperty("kty", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var keyHsm = key.TryGetProperty("key_hsm", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null;
        if (kid is null || kty is null || keyHsm is null)
        {
            throw new KeyReleaseException("The released key has no kid, kty or key_hsm.");
        }

        var expectedPrefix = $"{vaultUri.GetLeftPart(UriPartial.Authority)}/keys/{keyName}/";
        if (!kid.StartsWith(expectedPrefix, StringComparison.OrdinalIgnoreCase) || kid.Length == expectedPrefix.Length)
        {
            throw new KeyReleaseException($"The released key '{kid}' is not a version of {expectedPrefix.TrimEnd('/')}.");
        }

        return new ReleasedKey(kid, kty, KeyHsmBlob.Parse(keyHsm));
    }

    private static JsonDocument ParseJson(string part, string what)
    {
        try
        {
            return JsonDocument.Parse(Decode(part, what), new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            throw new KeyReleaseException($"The release JWS {what} is not JSON.", exception);
        }
    }

    private static byte[] Decode(string part, string what)
    {
        try
        {
            return Base64Url.Decode(part, $"The release JWS {what}");
        }
        catch (FormatException exception)
        {
            throw new KeyReleaseException($"The release JWS {what} is not base64url.", exception);
        }
    }

    private static void Dispose(List<X509Certificate2> certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
