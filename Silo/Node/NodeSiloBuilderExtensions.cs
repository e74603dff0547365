using Microsoft.Extensions.DependencyInjection;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Host;

namespace Obscuro.Silo.Node;

/// <summary>Registers the host side of the node on a silo that has one: L1 access, the operator account, host grain options and the node's start-up.</summary>
public static class NodeSiloBuilderExtensions
{
    private const string HttpClientKey = "obscuro-l1";

    internal static ISiloBuilder AddObscuroNode(this ISiloBuilder builder, string nodeId, SiloRole role, NodeConfiguration node)
    {
        if (role == SiloRole.Enclave)
        {
            return builder;
        }

        var services = builder.Services;
        if (node.Operator is { } operatorAccount)
        {
            // Registered so that the container disposes it (zeroing the key) when the silo stops.
            services.AddSingleton(operatorAccount);
        }

        services.AddKeyedSingleton(HttpClientKey, (_, _) => new HttpClient());
        services.AddSingleton(provider => new L1Services(
            node.Endpoint is null
                ? null
                : new EthRpcClient(
                    provider.GetRequiredKeyedService<HttpClient>(HttpClientKey),
                    new EthRpcOptions { Endpoint = node.Endpoint, RequestTimeout = node.L1.RequestTimeout }),
            node.Operator));

        var settings = node.Node;
        services.Configure<L1WatcherOptions>(watcher =>
        {
            watcher.PollInterval = TimeSpan.FromMilliseconds(settings.PollIntervalMilliseconds);
            watcher.MaxReorgDepth = settings.MaxReorgDepth;
        });
        services.Configure<MempoolOptions>(mempool => mempool.Capacity = settings.MempoolCapacity);
        services.Configure<PublisherOptions>(publisher =>
        {
            publisher.MaxRollupTransactions = settings.MaxRollupTransactions;
            publisher.Sender = publisher.Sender with { Confirmations = settings.L1Confirmations };
        });

        builder.Services.Configure<RoundOptions>(builder.Configuration.GetSection("Obscuro:Node:Round"));
        if (node.RunsNode)
        {
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => ActivatorUtilities.CreateInstance<NodeStartup>(provider, node, nodeId));
        }

        return builder;
    }
}
