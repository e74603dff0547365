using System.Text.Json;
using global::Azure.Core;
using global::Azure.Core.Pipeline;

namespace Obscuro.Silo.Tee.Azure.KeyVault;

/// <summary>
/// A thin client of the Key Vault / Managed HSM keys data plane (the Azure SDK's keys package is not obtainable here),
/// on Azure.Core: bearer tokens from the given credential for the scope the host implies, retries and transport from
/// <see cref="KeyVaultKeysClientOptions"/>, failures as <see cref="AzureServiceException"/> carrying the service's
/// <c>error.code</c> and <c>error.message</c>.
/// <list type="bullet">
/// <item><c>POST /keys/{name}[/{version}]/wrapkey</c> and <c>/unwrapkey</c>: <c>{"alg", "value"}</c> → <c>{"kid", "value"}</c>;</item>
/// <item><c>POST /keys/{name}[/{version}]/release</c>: <c>{"target": attestation JWT, "enc": "RSA_AES_KEY_WRAP_256"}</c>
/// → <c>{"value": JWS}</c>, verified by <see cref="KeyReleaseVerifier"/> before it is returned.</item>
/// </list>
/// All byte fields are unpadded base64url. The base URI is configurable so tests run this client unchanged against a
/// local fake.
/// </summary>
public sealed class KeyVaultKeysClient
{
    private static readonly (string HostSuffix, string Scope)[] KnownScopes =
    [
        (".vault.azure.net", "https://vault.azure.net/.default"),
        (".managedhsm.azure.net", "https://managedhsm.azure.net/.default"),
        (".vault.azure.cn", "https://vault.azure.cn/.default"),
        (".managedhsm.azure.cn", "https://managedhsm.azure.cn/.default"),
        (".vault.usgovcloudapi.net", "https://vault.usgovcloudapi.net/.default"),
        (".managedhsm.usgovcloudapi.net", "https://managedhsm.usgovcloudapi.net/.default"),
    ];

    private readonly Uri _vaultUri;
    private readonly KeyVaultKeysClientOptions _options;
    private readonly JsonRestPipeline _rest;

    public KeyVaultKeysClient(Uri vaultUri, TokenCredential credential, KeyVaultKeysClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vaultUri);
        ArgumentNullException.ThrowIfNull(credential);
        _options = options ?? new KeyVaultKeysClientOptions();
        _options.Diagnostics.IsLoggingContentEnabled = false;
        _vaultUri = new Uri(vaultUri.GetLeftPart(UriPartial.Authority));
        var scope = _options.TokenScope ?? ScopeFor(_vaultUri);
        var pipeline = HttpPipelineBuilder.Build(_options, new BearerTokenAuthenticationPolicy(credential, scope));
        _rest = new JsonRestPipeline(pipeline, IsManagedHsm(_vaultUri) ? "Managed HSM" : "Key Vault");
    }

    public Uri VaultUri => _vaultUri;

    /// <summary>
    /// The Entra scope for a vault host: <c>https://vault.azure.net/.default</c> for <c>*.vault.azure.net</c>,
    /// <c>https://managedhsm.azure.net/.default</c> for <c>*.managedhsm.azure.net</c> (and their sovereign-cloud
    /// equivalents). Any other host needs <see cref="KeyVaultKeysClientOptions.TokenScope"/>: a token is never sent
    /// for a scope guessed from an unknown host.
    /// </summary>
    public static string ScopeFor(Uri vaultUri)
    {
        ArgumentNullException.ThrowIfNull(vaultUri);
        foreach (var (suffix, scope) in KnownScopes)
        {
            if (vaultUri.IdnHost.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && vaultUri.IdnHost.Length > suffix.Length)
            {
                return scope;
            }
        }

        throw new ArgumentException($"'{vaultUri.IdnHost}' is not a Key Vault or Managed HSM host; set KeyVaultKeysClientOptions.TokenScope explicitly.", nameof(vaultUri));
    }

    public async Task<WrappedKey> WrapKeyAsync(string keyName, string? keyVersion, string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = algorithm, ["value"] = Base64Url.Encode(key.Span) });
        using var reply = await _rest.SendAsync(RequestMethod.Post, KeyUri(keyName, keyVersion, "wrapkey"), body, "wrapkey", null, cancellationToken).ConfigureAwait(false);
        return new WrappedKey(
            ImdsClient.RequiredString(reply.RootElement, "kid", "wrapkey"),
            algorithm,
            DecodeValue(reply.RootElement, "wrapkey"));
    }

    public async Task<byte[]> UnwrapKeyAsync(string keyName, string? keyVersion, string algorithm, ReadOnlyMemory<byte> wrapped, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = algorithm, ["value"] = Base64Url.Encode(wrapped.Span) });
        using var reply = await _rest.SendAsync(RequestMethod.Post, KeyUri(keyName, keyVersion, "unwrapkey"), body, "unwrapkey", null, cancellationToken).ConfigureAwait(false);
        return DecodeValue(reply.RootElement, "unwrapkey");
    }

    /// <summary>
    /// Secure key release: the vault checks <paramref name="attestationToken"/> against the key's release policy and
    /// answers with the key wrapped to the first encryption key in the token's <c>x-ms-runtime.keys</c>. The answer
    /// is verified (chain, host name, signature, key id) before it is returned.
    /// </summary>
    public async Task<ReleasedKey> ReleaseKeyAsync(string keyName, string? keyVersion, string attestationToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(attestationToken);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["target"] = attestationToken, ["enc"] = KeyHsmBlob.Encryption });
        using var reply = await _rest.SendAsync(RequestMethod.Post, KeyUri(keyName, keyVersion, "release"), body, "release", null, cancellationToken).ConfigureAwait(false);
        var jws = ImdsClient.RequiredString(reply.RootElement, "value", "release");
        return KeyReleaseVerifier.Verify(jws, _vaultUri, keyName, _options);
    }

    internal static bool IsManagedHsm(Uri vaultUri) => vaultUri.IdnHost.Contains(".managedhsm.", StringComparison.OrdinalIgnoreCase);

    private Uri KeyUri(string keyName, string? keyVersion, string operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        var path = string.IsNullOrEmpty(keyVersion)
            ? $"/keys/{Uri.EscapeDataString(keyName)}/{operation}"
            : $"/keys/{Uri.EscapeDataString(keyName)}/{Uri.EscapeDataString(keyVersion)}/{operation}";
        return new Uri(_vaultUri, $"{path}?api-version={Uri.EscapeDataString(_options.ApiVersion)}");
    }

    private static byte[] DecodeValue(JsonElement reply, string operation)
    {
        try
        {
            return Base64Url.Decode(ImdsClient.RequiredString(reply, "value", operation), $"{operation} value");
        }
        catch (FormatException exception)
        {
            throw new AzureServiceException($"{operation}: the reply's value is not base64url.", exception);
        }
    }
}
