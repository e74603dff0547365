using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Grains.Tests.Host.Infrastructure;
using Obscuro.Grains.Tests.Host.StandIns;
using Obscuro.Silo;

namespace Obscuro.Grains.Tests.Host;

/// <summary>
/// Durable mode as an operator runs it: a silo host built like Program.cs (Redis clustering, Redis grain storage and
/// reminders, the simulated TEE), stopped entirely, Redis itself restarted from its append-only file, and a new silo
/// host started on the same configuration.
/// </summary>
[Collection(HostClusterDefinition.Name)]
public sealed class RedisDurabilityTests(HostClusterFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("obscuro-redis-node-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Mempool_contents_and_the_watcher_cursor_survive_a_full_cluster_and_Redis_restart()
    {
        await using var redis = await RedisProcess.StartAsync();
        var configuration = Configuration(redis);
        const string nodeId = "durable-node";
        IReadOnlyList<SealedTransaction> pendingBefore;
        L1BlockNotice headBefore;

        using (var host = await StartSiloAsync(configuration))
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var mempool = grains.GetGrain<IMempoolGrain>(nodeId);
            Assert.True((await mempool.SubmitAsync([7, 7, 7])).Accepted);
            Assert.True((await mempool.SubmitAsync([8, 8, 8])).Accepted);
            pendingBefore = await mempool.GetPendingAsync(10);

            var watcher = grains.GetGrain<IL1WatcherGrain>(nodeId);
            var start = await fixture.HeadAsync();
            await watcher.StartAsync(start);
            await fixture.Rpc.MineAsync(3);
            headBefore = (await Poll.UntilAsync(() => watcher.GetHeadAsync(), head => head!.Number >= start.Number + 3, TimeSpan.FromSeconds(20), "watching"))!;
            await host.StopAsync();
        }

        var stored = await redis.DumpAsync();
        Assert.Contains(stored, entry => entry.Key.Contains("mempool", StringComparison.OrdinalIgnoreCase));
        await redis.RestartAsync();

        using (var host = await StartSiloAsync(configuration))
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var mempool = grains.GetGrain<IMempoolGrain>(nodeId);
            var pendingAfter = await mempool.GetPendingAsync(10);
            Assert.Equal(pendingBefore.Select(p => p.TransactionHash), pendingAfter.Select(p => p.TransactionHash));
            Assert.Equal(pendingBefore.Select(p => Convert.ToHexString(p.Sealed)), pendingAfter.Select(p => Convert.ToHexString(p.Sealed)));
            Assert.Equal(2L, await mempool.GetAdmittedCountAsync());

            // The cursor is where it was, and the reactivated watcher goes on from it (its timer restarts on activation).
            var watcher = grains.GetGrain<IL1WatcherGrain>(nodeId);
            Assert.Equal(headBefore, await watcher.GetHeadAsync());
            await fixture.Rpc.MineAsync(1);
            var next = await Poll.UntilAsync(() => watcher.GetHeadAsync(), head => head!.Number > headBefore.Number, TimeSpan.FromSeconds(20), "following again");
            var block = await fixture.Rpc.GetBlockByNumberAsync(BlockTag.At(headBefore.Number + 1));
            Assert.Equal(headBefore.Hash, block!.ParentHash);
            Assert.True(next!.Number >= headBefore.Number + 1);
            await host.StopAsync();
        }
    }

    private Dictionary<string, string?> Configuration(RedisProcess redis) => new()
    {
        ["Obscuro:NodeId"] = "durable-node",
        ["Obscuro:Role"] = "both",
        ["Orleans:Metadata:tee"] = "simulated",
        ["Obscuro:DataDirectory"] = _root,
        ["Obscuro:Storage:Provider"] = "redis",
        ["Obscuro:Storage:Redis"] = redis.ConnectionString,
        ["Obscuro:Clustering:Provider"] = "redis",
        ["Obscuro:Clustering:ClusterId"] = "durable-" + Guid.NewGuid().ToString("N"),
        ["Obscuro:Clustering:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        ["Obscuro:Clustering:GatewayPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        ["Obscuro:L1:Endpoint"] = fixture.Anvil.Endpoint.ToString(),
        ["Obscuro:Node:PollIntervalMilliseconds"] = "50",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private static async Task<IHost> StartSiloAsync(Dictionary<string, string?> configuration)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.UseOrleans(silo =>
        {
            silo.UseObscuroClustering().UseObscuroSilo();
            StandInGrains.Use(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
