using global::Azure.Core;
using global::Azure.Core.Pipeline;
using Obscuro.Grains.Attestation;
using Obscuro.Silo.Tee.Azure;
using Obscuro.Silo.Tee.Azure.KeyVault;

namespace Obscuro.Azure.Tests.Fakes;

/// <summary>The three fakes, started once per test class, and production clients configured to reach them.</summary>
public sealed class AzureFakes : IAsyncLifetime
{
    private readonly List<IDisposable> _owned = [];

    internal FakeMaaServer Maa { get; private set; } = null!;

    internal FakeKeyVaultServer KeyVault { get; private set; } = null!;

    internal FakeImdsServer Imds { get; private set; } = null!;

    internal HttpClient Http { get; } = new(TestPki.TrustingHandler());

    public async Task InitializeAsync()
    {
        Maa = await FakeMaaServer.StartAsync();
        KeyVault = await FakeKeyVaultServer.StartAsync(Maa);
        Imds = await FakeImdsServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await KeyVault.DisposeAsync();
        await Maa.DisposeAsync();
        await Imds.DisposeAsync();
        Http.Dispose();
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    internal AttestationTokenValidator Validator(AttestationValidatorOptions? options = null, TimeProvider? time = null)
    {
        var validator = new AttestationTokenValidator(options ?? AttestationValidatorOptions.ForAzure(Maa.Issuer), Http, time);
        _owned.Add(validator);
        return validator;
    }

    internal static T Fast<T>(T options)
        where T : ClientOptions
    {
        options.Transport = new HttpClientTransport(TestPki.TrustingHandler());
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        options.Retry.Mode = RetryMode.Fixed;
        return options;
    }

    internal KeyVaultKeysClient KeyVaultClient(StaticTokenCredential? credential = null, KeyVaultKeysClientOptions? options = null) => new(
        KeyVault.BaseUri,
        credential ?? new StaticTokenCredential(),
        Fast(options ?? new KeyVaultKeysClientOptions
        {
            TokenScope = "https://vault.azure.net/.default",
            ReleaseTrustRoots = [TestPki.Root],
            ReleaseRevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
        }));

    internal MaaClient MaaClient() => new(Maa.BaseUri, Fast(new MaaClientOptions()));

    internal ImdsClient ImdsClient() => new(Imds.BaseUri, Fast(new ImdsClientOptions()));
}
