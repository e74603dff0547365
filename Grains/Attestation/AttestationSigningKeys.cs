using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace Obscuro.Grains.Attestation;

/// <summary>
/// The signing keys one attestation authority publishes (a JWKS whose RSA keys carry an <c>x5c</c> certificate, or
/// <c>n</c>/<c>e</c>), cached. An unknown key id triggers a refresh at most once per
/// <see cref="AttestationValidatorOptions.MinimumKeyRefreshInterval"/>; keys older than
/// <see cref="AttestationValidatorOptions.MaximumKeyAge"/> are fetched again before use.
/// </summary>
internal sealed class AttestationSigningKeys(AttestationValidatorOptions options, HttpClient http, TimeProvider time) : IDisposable
{
    private const int MaximumKeySetBytes = 1024 * 1024;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, SecurityKey> _keys = new(StringComparer.Ordinal);
    private DateTimeOffset? _fetchedAt;
    private DateTimeOffset? _lastAttemptAt;

    /// <summary>How many times the key set was fetched (successfully or not); tests use it to see the rate limit.</summary>
    public int FetchCount { get; private set; }

    /// <summary>The key with <paramref name="keyId"/>, or null when the authority does not publish it.</summary>
    public async Task<SecurityKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (_fetchedAt is null || now - _fetchedAt.Value >= options.MaximumKeyAge)
            {
                await FetchAsync(now, cancellationToken).ConfigureAwait(false);
                return _keys.GetValueOrDefault(keyId);
            }

            if (_keys.TryGetValue(keyId, out var key))
            {
                return key;
            }

            // Unknown key id: the authority may have rotated. Refresh, but not more often than the rate limit allows.
            if (_lastAttemptAt is null || now - _lastAttemptAt.Value >= options.MinimumKeyRefreshInterval)
            {
                await FetchAsync(now, cancellationToken).ConfigureAwait(false);
                return _keys.GetValueOrDefault(keyId);
            }

            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task FetchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _lastAttemptAt = now;
        FetchCount++;
        string json;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, options.SigningKeysUri);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new AttestationAuthorityUnavailableException(
                    $"The attestation authority's key set at {options.SigningKeysUri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            if (response.Content.Headers.ContentLength > MaximumKeySetBytes)
            {
                throw new AttestationAuthorityUnavailableException($"The key set at {options.SigningKeysUri} is larger than {MaximumKeySetBytes} bytes.");
            }

            json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new AttestationAuthorityUnavailableException($"The attestation authority's key set at {options.SigningKeysUri} could not be fetched.", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout, not the caller's cancellation.
            throw new AttestationAuthorityUnavailableException($"The attestation authority's key set at {options.SigningKeysUri} did not answer in time.", exception);
        }

        if (json.Length > MaximumKeySetBytes)
        {
            throw new AttestationAuthorityUnavailableException($"The key set at {options.SigningKeysUri} is larger than {MaximumKeySetBytes} bytes.");
        }

        _keys = Parse(json);
        _fetchedAt = now;
    }

    private Dictionary<string, SecurityKey> Parse(string json)
    {
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (ArgumentException exception)
        {
            throw new AttestationAuthorityUnavailableException($"The key set at {options.SigningKeysUri} is not a JWKS.", exception);
        }

        var keys = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var webKey in set.Keys)
        {
            // Only signing RSA keys with an id count; anything else in the set is ignored rather than guessed at.
            if (string.IsNullOrEmpty(webKey.Kid) || (webKey.Use is not null && webKey.Use != "sig"))
            {
                continue;
            }

            if (webKey.Kty is not null && webKey.Kty != JsonWebAlgorithmsKeyTypes.RSA)
            {
                continue;
            }

            var key = ToRsaKey(webKey);
            if (key is not null)
            {
                keys[webKey.Kid] = key;
            }
        }

        return keys;
    }

    private SecurityKey? ToRsaKey(JsonWebKey webKey)
    {
        RSA? rsa;
        if (webKey.X5c.Count > 0)
        {
            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(webKey.X5c[0]));
            }
            catch (Exception exception) when (exception is FormatException or CryptographicException)
            {
                return null;
            }

            rsa = certificate.GetRSAPublicKey();
            if (rsa is null || rsa.KeySize < options.MinimumRsaKeySizeBits)
            {
                rsa?.Dispose();
                certificate.Dispose();
                return null;
            }

            rsa.Dispose();
            return new X509SecurityKey(certificate, webKey.Kid);
        }

        if (string.IsNullOrEmpty(webKey.N) || string.IsNullOrEmpty(webKey.E))
        {
            return null;
        }

        var parameters = new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(webKey.N), Exponent = Base64UrlEncoder.DecodeBytes(webKey.E) };
        if (parameters.Modulus.Length * 8 < options.MinimumRsaKeySizeBits)
        {
            return null;
        }

        return new RsaSecurityKey(parameters) { KeyId = webKey.Kid };
    }
}
