using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Obscuro.Azure.Tests.Fakes;
using Obscuro.Grains.Attestation;
using Obscuro.Silo.Tee.Azure;
using Obscuro.Silo.Tee.Azure.KeyVault;

namespace Obscuro.Azure.Tests;

/// <summary>The production keys client against the Key Vault-like fake over HTTPS: wrap, unwrap, release, errors, retries.</summary>
public sealed class KeyVaultKeysClientTests(AzureFakes fakes) : IClassFixture<AzureFakes>
{
    [Theory]
    [InlineData("https://obscuro.vault.azure.net", "https://vault.azure.net/.default")]
    [InlineData("https://obscuro.managedhsm.azure.net", "https://managedhsm.azure.net/.default")]
    [InlineData("https://obscuro.vault.azure.cn", "https://vault.azure.cn/.default")]
    public void The_token_scope_follows_the_host(string vault, string scope) => Assert.Equal(scope, KeyVaultKeysClient.ScopeFor(new Uri(vault)));

    [Fact]
    public void An_unknown_host_needs_an_explicit_scope()
    {
        Assert.Throws<ArgumentException>(() => KeyVaultKeysClient.ScopeFor(new Uri("https://vault.azure.net.attacker.example")));
        Assert.Throws<ArgumentException>(() => new KeyVaultKeysClient(new Uri("https://127.0.0.1:1"), new StaticTokenCredential()));
    }

    [Fact]
    public async Task Rsa_wrap_and_unwrap_round_trip_with_the_bearer_token_for_the_scope()
    {
        var version = fakes.KeyVault.AddRsaKey("rsa-kek");
        var credential = new StaticTokenCredential();
        var client = fakes.KeyVaultClient(credential);
        var secret = RandomNumberGenerator.GetBytes(32);

        var wrapped = await client.WrapKeyAsync("rsa-kek", null, "RSA-OAEP-256", secret, CancellationToken.None);
        var unwrapped = await client.UnwrapKeyAsync("rsa-kek", SeedCustody.VersionOf(wrapped.KeyId), "RSA-OAEP-256", wrapped.Value, CancellationToken.None);

        Assert.Equal(fakes.KeyVault.KeyId("rsa-kek", version), wrapped.KeyId);
        Assert.NotEqual(secret, wrapped.Value);
        Assert.Equal(secret, unwrapped);
        Assert.Contains("https://vault.azure.net/.default", credential.RequestedScopes);
    }

    [Fact]
    public async Task Aes_key_wrap_on_an_oct_key_round_trips()
    {
        var (version, _) = fakes.KeyVault.AddOctKey("oct-kek", exportable: false, releasePolicyJson: null);
        var client = fakes.KeyVaultClient();
        var secret = RandomNumberGenerator.GetBytes(32);

        var wrapped = await client.WrapKeyAsync("oct-kek", version, "A256KW", secret, CancellationToken.None);

        Assert.Equal(secret, await client.UnwrapKeyAsync("oct-kek", version, "A256KW", wrapped.Value, CancellationToken.None));
    }

    [Theory]
    [InlineData(403, "Forbidden", "Caller is not authorized to perform action on resource.")]
    [InlineData(404, "KeyNotFound", "A key with (name/id) x was not found in this key vault.")]
    [InlineData(400, "BadParameter", "Property 'alg' is invalid.")]
    public async Task A_service_error_surfaces_with_its_status_code_and_message_without_retrying(int status, string code, string message)
    {
        fakes.KeyVault.AddRsaKey("errors");
        var client = fakes.KeyVaultClient();
        var before = fakes.KeyVault.Requests;
        fakes.KeyVault.EnqueueFailure(status, code, message);

        var error = await Assert.ThrowsAsync<AzureServiceException>(() => client.WrapKeyAsync("errors", null, "RSA-OAEP-256", new byte[32], CancellationToken.None));

        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.ServiceMessage);
        Assert.Equal("wrapkey", error.Operation);
        Assert.Equal(1, fakes.KeyVault.Requests - before);
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_per_the_client_options()
    {
        fakes.KeyVault.AddRsaKey("retried");
        var client = fakes.KeyVaultClient();
        var before = fakes.KeyVault.Requests;
        fakes.KeyVault.EnqueueFailure(429, "Throttled", "Too many requests.", retryAfter: "0");
        fakes.KeyVault.EnqueueFailure(500, "InternalServerError", "Transient.");

        var wrapped = await client.WrapKeyAsync("retried", null, "RSA-OAEP-256", new byte[32], CancellationToken.None);

        Assert.NotEmpty(wrapped.Value);
        Assert.Equal(3, fakes.KeyVault.Requests - before);
    }

    [Fact]
    public async Task Retries_stop_at_the_configured_maximum_and_report_the_last_error()
    {
        fakes.KeyVault.AddRsaKey("exhausted");
        var client = fakes.KeyVaultClient();
        var before = fakes.KeyVault.Requests;
        for (var i = 0; i < 4; i++)
        {
            fakes.KeyVault.EnqueueFailure(503, "ServiceUnavailable", "Try later.");
        }

        var error = await Assert.ThrowsAsync<AzureServiceException>(() => client.WrapKeyAsync("exhausted", null, "RSA-OAEP-256", new byte[32], CancellationToken.None));

        Assert.Equal(503, error.Status);
        Assert.Equal(4, fakes.KeyVault.Requests - before); // one try and MaxRetries = 3
    }

    [Fact]
    public async Task A_release_satisfying_the_policy_returns_the_key_wrapped_to_the_transfer_key()
    {
        using var transfer = RSA.Create(2048);
        var (version, material) = fakes.KeyVault.AddOctKey("releasable", exportable: true, FakeKeyVaultServer.ReleasePolicy(fakes.Maa.Issuer, "sevsnpvm"));
        var token = TokenWithTransferKey(transfer, debuggable: false);

        var released = await fakes.KeyVaultClient().ReleaseKeyAsync("releasable", version, token, CancellationToken.None);
        var key = await released.KeyHsm.UnwrapAsync(256, (c, _) => Task.FromResult(transfer.Decrypt(c.Span, RSAEncryptionPadding.OaepSHA256)), CancellationToken.None);

        Assert.Equal(fakes.KeyVault.KeyId("releasable", version), released.KeyId);
        Assert.Equal("oct-HSM", released.KeyType);
        Assert.Equal("transfer", released.KeyHsm.TransferKeyId);
        Assert.Equal(material, key);
    }

    [Fact]
    public async Task A_release_the_policy_refuses_is_a_typed_error()
    {
        using var transfer = RSA.Create(2048);
        var (version, _) = fakes.KeyVault.AddOctKey("guarded", exportable: true, FakeKeyVaultServer.ReleasePolicy(fakes.Maa.Issuer, "sevsnpvm"));
        var client = fakes.KeyVaultClient();

        var debuggable = await Assert.ThrowsAsync<AzureServiceException>(() => client.ReleaseKeyAsync("guarded", version, TokenWithTransferKey(transfer, debuggable: true), CancellationToken.None));
        var tdxOnly = fakes.KeyVault.AddOctKey("tdx-only", exportable: true, FakeKeyVaultServer.ReleasePolicy(fakes.Maa.Issuer, "tdxvm"));
        var wrongType = await Assert.ThrowsAsync<AzureServiceException>(() => client.ReleaseKeyAsync("tdx-only", tdxOnly.Version, TokenWithTransferKey(transfer, debuggable: false), CancellationToken.None));

        Assert.Equal((403, "AccessDenied"), (debuggable.Status, debuggable.ErrorCode));
        Assert.Equal((403, "AccessDenied"), (wrongType.Status, wrongType.ErrorCode));
    }

    [Fact]
    public async Task A_release_answer_signed_for_another_host_or_by_an_untrusted_root_is_refused()
    {
        using var transfer = RSA.Create(2048);
        var (version, _) = fakes.KeyVault.AddOctKey("signer-checks", exportable: true, FakeKeyVaultServer.ReleasePolicy(fakes.Maa.Issuer, "sevsnpvm"));
        var client = fakes.KeyVaultClient();
        var original = fakes.KeyVault.ReleaseSigner;
        try
        {
            fakes.KeyVault.ReleaseSigner = TestPki.Issue(TestPki.Root, "CN=other.vault.azure.net", null, "other.vault.azure.net");
            var otherHost = await Assert.ThrowsAsync<KeyReleaseException>(() => client.ReleaseKeyAsync("signer-checks", version, TokenWithTransferKey(transfer, false), CancellationToken.None));
            fakes.KeyVault.ReleaseSigner = TestPki.Issue(TestPki.OtherRoot, "CN=127.0.0.1", IPAddress.Loopback, null);
            var otherRoot = await Assert.ThrowsAsync<KeyReleaseException>(() => client.ReleaseKeyAsync("signer-checks", version, TokenWithTransferKey(transfer, false), CancellationToken.None));

            Assert.Contains("not for 127.0.0.1", otherHost.Message, StringComparison.Ordinal);
            Assert.Contains("not trusted", otherRoot.Message, StringComparison.Ordinal);
        }
        finally
        {
            fakes.KeyVault.ReleaseSigner = original;
        }
    }

    private string TokenWithTransferKey(RSA transfer, bool debuggable)
    {
        var parameters = transfer.ExportParameters(false);
        var claims = FakeMaaServer.SevSnpClaims(new byte[48], new byte[64], debuggable);
        claims[AttestationClaimNames.Runtime] = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["kid"] = "transfer",
                    ["kty"] = "RSA",
                    ["key_ops"] = new[] { "encrypt" },
                    ["n"] = System.Buffers.Text.Base64Url.EncodeToString(parameters.Modulus),
                    ["e"] = System.Buffers.Text.Base64Url.EncodeToString(parameters.Exponent),
                },
            },
            ["user-data"] = new string('0', 128),
        });
        return fakes.Maa.Issue(claims);
    }
}
