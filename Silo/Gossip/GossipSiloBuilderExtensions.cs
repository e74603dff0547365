using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Obscuro.Grains.Host;
using Obscuro.Silo.Node;

namespace Obscuro.Silo.Gossip;

/// <summary>Adds the gossip endpoint and sender to an aggregator's host silo.</summary>
public static class GossipSiloBuilderExtensions
{
    internal static ISiloBuilder AddObscuroGossip(this ISiloBuilder builder, string nodeId, NodeConfiguration node)
    {
        if (!node.RunsNode || !node.IsAggregator || node.Operator is null || node.Deployment is not { } deployment)
        {
            return builder;
        }

        var options = builder.Configuration.GetSection(GossipOptions.SectionName).Get<GossipOptions>() ?? new GossipOptions();
        var listen = ListenEndpoint(options.Listen, node.Node.Registration.Endpoint);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new GrainGossipBridge(provider.GetRequiredService<IGrainFactory>(), nodeId, options, provider.GetRequiredService<TimeProvider>()));
        services.AddKeyedSingleton("obscuro-gossip", (_, _) => new HttpClient());
        services.AddSingleton<IGossipOutbox>(provider => new GossipOutbox(
            provider.GetRequiredService<GrainGossipBridge>(),
            node.Operator,
            options,
            deployment.L1ChainId,
            deployment.NetworkManagement,
            provider.GetRequiredKeyedService<HttpClient>("obscuro-gossip"),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<GossipOutbox>>()));
        if (listen is not null)
        {
            services.AddHostedService(provider =>
            {
                var bridge = provider.GetRequiredService<GrainGossipBridge>();
                var inbox = new GossipInbox(bridge, bridge, options, deployment.L1ChainId, deployment.NetworkManagement, deployment.RollupManagement, provider.GetRequiredService<TimeProvider>());
                return new GossipServer(inbox, listen, provider.GetRequiredService<ILogger<GossipServer>>());
            });
        }

        return builder;
    }

    /// <summary>
    /// <c>Obscuro:Gossip:Listen</c> if set, else the registered endpoint: its IP if it names one, else all interfaces,
    /// at its port. Null when neither is an http(s) URL (no endpoint is served; peers cannot reach this node).
    /// </summary>
    internal static IPEndPoint? ListenEndpoint(string? listen, string? registered)
    {
        var text = string.IsNullOrWhiteSpace(listen) ? registered : listen;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var address = IPAddress.TryParse(uri.Host, out var ip) ? ip : IPAddress.Any;
        return new IPEndPoint(address, uri.Port);
    }
}
