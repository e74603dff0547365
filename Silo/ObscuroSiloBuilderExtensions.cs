using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Obscuro.Grains;
using Obscuro.Grains.Enclave;
using Obscuro.Grains.Enclave.Provisioning;
using Obscuro.Grains.Placement;
using Obscuro.Grains.Tee;
using Obscuro.Grains.Vault;
using Obscuro.Silo.Gossip;
using Obscuro.Silo.Node;
using Obscuro.Silo.Security;
using Obscuro.Silo.Tee;
using Obscuro.Silo.Tee.Azure;
using Orleans.Configuration;
using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace Obscuro.Silo;

public static class ObscuroSiloBuilderExtensions
{
    /// <summary>
    /// Everything that makes a silo an Obscuro silo, from <see cref="ISiloBuilder.Configuration"/>: silo metadata
    /// (<c>tee</c>, <c>role</c>, <c>node</c>), the TEE, TEE-only placement, the enclave/host split of grain classes, the
    /// public API call filter, no client gateway on enclave-only silos, grain storage and the L1 stream provider.
    /// Membership and endpoints are not set here (see <see cref="UseObscuroClustering"/>), so a test cluster can call
    /// this on its silos and run the production wiring. Throws <see cref="InvalidOperationException"/> listing every
    /// configuration error.
    /// </summary>
    public static ISiloBuilder UseObscuroSilo(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var options = configuration.GetSection(ObscuroSiloOptions.SectionName).Get<ObscuroSiloOptions>() ?? new ObscuroSiloOptions();
        var metadataSection = configuration.GetSection("Orleans:Metadata");
        var teeValue = metadataSection[SiloMetadataKeys.Tee] ?? TeeKind.None.ToMetadataValue();
        var errors = new List<string>(options.Validate(teeValue));
        var node = NodeConfiguration.Read(configuration, options.Role, errors);
        if (errors.Count > 0)
        {
            var lines = errors.Select(error => Environment.NewLine + "  - " + error);
            throw new InvalidOperationException("Invalid Obscuro silo configuration:" + string.Concat(lines));
        }

        _ = TeeKinds.TryParse(teeValue, out var tee);
        builder.Services.Configure<ObscuroSiloOptions>(configuration.GetSection(ObscuroSiloOptions.SectionName));

        // Everything in Orleans:Metadata is advertised; role and node are written from the options so they cannot drift.
        var metadata = metadataSection.GetChildren()
            .Where(entry => entry.Value is not null)
            .ToDictionary(entry => entry.Key, entry => entry.Value!, StringComparer.Ordinal);
        metadata[SiloMetadataKeys.Tee] = tee.ToMetadataValue();
        metadata[SiloMetadataKeys.Role] = options.Role.ToString().ToLowerInvariant();
        metadata[SiloMetadataKeys.Node] = options.NodeId;
        builder.UseSiloMetadata(metadata);

        if (string.IsNullOrEmpty(options.Simulated.AttestationAuthority) && node.Deployment?.AttestationAuthority is { Length: > 0 } authority)
        {
            // A devnet's deployment names its simulated authority; a configured one takes precedence.
            options.Simulated.AttestationAuthority = authority;
        }

        builder.Services.AddTee(tee, options);

        // Every silo needs the director, TEE or not: placement runs on whichever silo first activates a grain.
        builder.Services.AddPlacementFilter<TeeOnlyPlacementFilterStrategy, TeeOnlyPlacementFilterDirector>(ServiceLifetime.Singleton);
        builder.Services.PostConfigure<GrainTypeOptions>(grainTypes => KeepGrainClassesFor(options.Role, grainTypes));

        builder.AddIncomingGrainCallFilter<PublicApiCallFilter>();
        if (options.Role == SiloRole.Enclave)
        {
            // No client gateway on an enclave-only silo, whatever the endpoints say: clients reach the node through host
            // silos, the TEE never parses connections from anyone on the network, and clients never take the cluster
            // manifest from a silo that hosts only enclave grains.
            builder.Services.PostConfigure<EndpointOptions>(endpoints => endpoints.GatewayPort = 0);
        }

        if (options.Role is SiloRole.Enclave or SiloRole.Both)
        {
            builder.AddEnclaveServices();
        }

        builder.AddObscuroStorage(options.Storage);
        builder.AddMemoryStreams(StreamProviderNames.L1);

        // The host side of the node: L1 access, the operator account, host grain options, the node's start-up.
        builder.AddObscuroNode(options.NodeId, options.Role, node);

        // An aggregator's gossip with its peers: the endpoint it registered, and the sender to theirs.
        if (options.Role != SiloRole.Enclave)
        {
            builder.AddObscuroGossip(options.NodeId, node);
        }

        return builder;
    }

    /// <summary>
    /// The silo-local services of the enclave grains (enclave silos only): the <see cref="EnclaveVault"/> through which a
    /// node's enclave grain shares its keys and L1-included head with the admission and query workers beside it, the
    /// enclave options (<c>Obscuro:Enclave</c>), and the rule that decides whether to hand the seed to a registered enclave.
    /// </summary>
    public static ISiloBuilder AddEnclaveServices(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<EnclaveVault>();
        builder.Services.AddSingleton<ISecretRequestValidator>(_ => new AttestedSecretRequests());
        builder.Services.Configure<EnclaveOptions>(builder.Configuration.GetSection(EnclaveOptions.SectionName));
        return builder;
    }

    /// <summary>
    /// Membership and endpoints from <c>Obscuro:Clustering</c>: <c>localhost</c> clustering, where the silo whose port
    /// is <c>PrimarySiloPort</c> starts the cluster and the others join it, or <c>redis</c> membership in the Redis of
    /// <c>Obscuro:Storage:Redis</c>, with this silo advertised at <c>AdvertisedAddress</c>.
    /// </summary>
    public static ISiloBuilder UseObscuroClustering(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var clustering = builder.Configuration.GetSection($"{ObscuroSiloOptions.SectionName}:Clustering").Get<ClusteringSettings>() ?? new ClusteringSettings();
        if (string.Equals(clustering.Provider, ClusteringSettings.RedisProvider, StringComparison.OrdinalIgnoreCase))
        {
            return builder.UseObscuroRedisClustering(clustering);
        }

        if (!string.Equals(clustering.Provider, ClusteringSettings.Localhost, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Obscuro:Clustering:Provider '{clustering.Provider}' is not one of 'localhost', 'redis'.");
        }

        var primary = clustering.SiloPort == clustering.PrimarySiloPort ? null : new IPEndPoint(IPAddress.Loopback, clustering.PrimarySiloPort);
        return builder.UseLocalhostClustering(clustering.SiloPort, clustering.GatewayPort, primary, clustering.ServiceId, clustering.ClusterId);
    }

    private static void AddTee(this IServiceCollection services, TeeKind tee, ObscuroSiloOptions options)
    {
        if (tee == TeeKind.Simulated)
        {
            services.AddSingleton<ITeeEnvironment>(provider => OperatingSystem.IsWindows()
                ? throw new PlatformNotSupportedException("The simulated TEE keeps its keys in owner-only (0600) files, which need a Unix file system.")
                : SimulatedTee.Open(options.DataDirectory, provider.GetRequiredService<ILogger<SimulatedTee>>(), options.Simulated));
        }
        else if (tee is TeeKind.SevSnp or TeeKind.Tdx)
        {
            // Azure confidential VM: Silo/Tee/Azure (vTPM, MAA, Managed HSM seed custody).
            services.AddAzureCvmTee(tee, options.Azure, options.DataDirectory);
        }
        else
        {
            services.AddSingleton<ITeeEnvironment, NoTee>();
        }

        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, TeeStartupCheck>();
    }

    /// <summary>
    /// Host silos drop the enclave grain classes ([TeeOnly]), so they could not activate one even if placement were
    /// bypassed; enclave-only silos drop the host grain classes. Orleans' own grain classes stay everywhere.
    /// </summary>
    private static void KeepGrainClassesFor(SiloRole role, GrainTypeOptions grainTypes)
    {
        var ours = typeof(TeeOnlyAttribute).Assembly;
        grainTypes.Classes.RemoveWhere(grainClass => grainClass.Assembly == ours && role switch
        {
            SiloRole.Host => grainClass.IsDefined(typeof(TeeOnlyAttribute), inherit: true),
            SiloRole.Enclave => !grainClass.IsDefined(typeof(TeeOnlyAttribute), inherit: true),
            _ => false,
        });
    }
}
