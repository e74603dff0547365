using global::Azure.Core;
using global::Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Obscuro.Grains.Attestation;
using Obscuro.Grains.Tee;
using Obscuro.Silo.Tee.Azure.KeyVault;
using Obscuro.Silo.Tee.Azure.Tpm;

namespace Obscuro.Silo.Tee.Azure;

/// <summary>Registers <see cref="AzureCvmTee"/> as the silo's <see cref="ITeeEnvironment"/> with its production dependencies.</summary>
public static class AzureTeeServiceCollectionExtensions
{
    // One client for the key-set fetches of the process lifetime (HttpClient is meant to be shared).
    private static readonly HttpClient KeySetHttp = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static IServiceCollection AddAzureCvmTee(this IServiceCollection services, TeeKind tee, AzureTeeSettings settings, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(_ =>
        {
            var issuer = settings.AttestationEndpoint.TrimEnd('/');
            var profile = tee == TeeKind.SevSnp ? AttestationProfile.SevSnpVm : AttestationProfile.TdxVm;
            return new AttestationTokenValidator(new AttestationValidatorOptions(issuer, [profile]), KeySetHttp);
        });
        services.AddSingleton<TpmDeviceTransport>(_ => new TpmDeviceTransport());
        services.AddSingleton<ITeeEnvironment>(provider =>
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("The Azure CVM TEE runs on Linux confidential VMs.");
            }

            TokenCredential credential = string.IsNullOrEmpty(settings.ManagedIdentityClientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(settings.ManagedIdentityClientId));
            var keys = new KeyVaultKeysClient(new Uri(settings.KeyVaultUri), credential, new KeyVaultKeysClientOptions { ApiVersion = settings.KeyVaultApiVersion });
            var maa = new MaaClient(new Uri(settings.AttestationEndpoint), new MaaClientOptions { ApiVersion = settings.AttestationApiVersion });
            var imds = new ImdsClient(new Uri(settings.ImdsEndpoint));
            var vtpm = new TpmDeviceVtpm(provider.GetRequiredService<TpmDeviceTransport>());
            return new AzureCvmTee(
                tee,
                settings,
                dataDirectory,
                vtpm,
                imds,
                maa,
                keys,
                provider.GetRequiredService<AttestationTokenValidator>(),
                TimeProvider.System,
                provider.GetRequiredService<ILogger<AzureCvmTee>>());
        });
        return services;
    }
}
