using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Obscuro.Client.Errors;
using Obscuro.Grains;
using Obscuro.Grains.Node;
using Orleans.Configuration;
using Orleans.Runtime.Messaging;

namespace Obscuro.Client.Node;

/// <summary>
/// A connection to one node through its Orleans client gateways (a static list: the node's own host silos), used only
/// for the node's public grains. Connecting retries until <see cref="NodeConnectionOptions.ConnectTimeout"/>; each call
/// retries gateway failures (Orleans reconnects underneath) and the short window in which a freshly connected client
/// cannot resolve the enclave grain types yet, until <see cref="NodeConnectionOptions.CallRetryWindow"/>. Whatever still
/// fails is a <see cref="NodeUnavailableException"/> naming the node and its gateways.
/// </summary>
public sealed class NodeConnection : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    private readonly IHost _host;
    private readonly NodeConnectionOptions _options;

    private NodeConnection(IHost host, NodeConnectionOptions options)
    {
        _host = host;
        _options = options;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public string NodeId => _options.Node.Id;

    /// <summary>The Orleans client, for tests that probe what else the gateway lets through (it should not).</summary>
    internal IClusterClient Client { get; }

    private string Gateways => string.Join(", ", _options.Node.Gateways);

    public static async Task<NodeConnection> ConnectAsync(NodeConnectionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var node = options.Node;
        var endpoints = await ResolveAsync(options, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        Exception? lastFailure = null;
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(endpoints);
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = node.ClusterId;
                cluster.ServiceId = node.ServiceId;
            });
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.ResponseTimeout);
            client.Configure<TypeManagementOptions>(types => types.TypeMapRefreshInterval = options.TypeMapRefreshInterval);
            client.UseConnectionRetryFilter(async (error, token) =>
            {
                lastFailure = error;
                if (clock.Elapsed >= options.ConnectTimeout)
                {
                    return false;
                }

                await Task.Delay(RetryDelay, token).ConfigureAwait(false);
                return true;
            });
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return new NodeConnection(host, options);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new NodeUnavailableException(
                $"Node '{node.Id}' is unavailable: no gateway answered within {options.ConnectTimeout.TotalSeconds:0} s at {string.Join(", ", node.Gateways)} ({(lastFailure ?? e).Message}).",
                "Start the devnet (./scripts/devnet.sh) or pass --node with the gateways of a running node (host:port, comma-separated).",
                e);
        }
    }

    public Task<SubmissionResult> SubmitTransactionAsync(byte[] ciphertext, CancellationToken cancellationToken = default) =>
        CallAsync("submit the transaction", client => Api(client).SubmitTransactionAsync(ciphertext), cancellationToken);

    public Task<QueryReply> QueryAsync(byte[] encryptedRequest, CancellationToken cancellationToken = default) =>
        CallAsync("answer the query", client => Api(client).QueryAsync(encryptedRequest), cancellationToken);

    public Task<NodeStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        CallAsync("report its status", client => Api(client).GetStatusAsync(), cancellationToken);

    /// <summary>A reveal interval's release, or the node's refusal (public data: the release is checked against L1 by the caller).</summary>
    public Task<RevealReply> RevealAsync(Protocol.Crypto.RevealOption option, ulong interval, CancellationToken cancellationToken = default) =>
        CallAsync("answer the reveal request", client => Api(client).RevealAsync(option, interval), cancellationToken);

    /// <summary>The node's enclave identity (public data: it is checked against L1, never trusted as such).</summary>
    public Task<EnclaveIdentity> GetEnclaveIdentityAsync(CancellationToken cancellationToken = default) =>
        CallAsync("report its enclave", client => client.GetGrain<IEnclaveIdentityGrain>(NodeId).GetIdentityAsync(), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansException or ObjectDisposedException)
        {
            // The gateway may already be gone; there is nothing left to close cleanly.
        }

        _host.Dispose();
    }

    private async Task<T> CallAsync<T>(string what, Func<IClusterClient, Task<T>> call, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call(Client).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (clock.Elapsed >= _options.CallRetryWindow)
                {
                    throw new NodeUnavailableException(
                        $"Node '{NodeId}' could not {what} within {_options.CallRetryWindow.TotalSeconds:0} s ({e.GetType().Name}: {e.Message}).",
                        $"Check that the node is running and its gateways ({Gateways}) are reachable; if it is starting, try again in a minute.",
                        e);
                }

                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Resolved inside each attempt: right after connecting, the type map may not list the node's grain types yet.
    private INodeApiGrain Api(IClusterClient client) => client.GetGrain<INodeApiGrain>(NodeId);

    /// <summary>
    /// Failures that a retry can cure: a lost or refused gateway connection (Orleans reconnects), a timeout, no TEE silo
    /// active yet, and a grain interface the client's type map does not list yet.
    /// </summary>
    private static bool IsTransient(Exception e) =>
        e is OrleansException or ConnectionFailedException or TimeoutException
        || (e is ArgumentException && e.Message.Contains("Could not find an implementation", StringComparison.Ordinal));

    private static async Task<IPEndPoint[]> ResolveAsync(NodeConnectionOptions options, CancellationToken cancellationToken)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var gateway in options.Node.Gateways)
        {
            if (IPAddress.TryParse(gateway.Host, out var literal))
            {
                endpoints.Add(new IPEndPoint(literal, gateway.Port));
                continue;
            }

            try
            {
                var addresses = await Dns.GetHostAddressesAsync(gateway.Host, cancellationToken).ConfigureAwait(false);
                var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
                if (chosen is not null)
                {
                    endpoints.Add(new IPEndPoint(chosen, gateway.Port));
                }
            }
            catch (SocketException)
            {
                // Reported below if no gateway resolves at all.
            }
        }

        return endpoints.Count > 0
            ? endpoints.ToArray()
            : throw new NodeUnavailableException(
                $"None of node '{options.Node.Id}''s gateways resolves to an address: {string.Join(", ", options.Node.Gateways)}.",
                "Check the host names given to --node (or in the deployment file).");
    }
}
