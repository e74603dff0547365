using System.Diagnostics;
using Obscuro.Contracts.Rpc;
using Obscuro.Silo.Devnet;

namespace Obscuro.Contracts.Tests.Rpc;

/// <summary>The L1 node dies while a request is in flight: the client retries, then gives up within a bounded time.</summary>
public sealed class AnvilOutageTests
{
    [Fact]
    public async Task Killing_anvil_mid_request_ends_in_L1UnavailableException_after_bounded_retries()
    {
        await using var anvil = await AnvilProcess.StartAsync(hardfork: null);
        using var http = new HttpClient();
        const int attempts = 4;
        var client = anvil.CreateClient(http, o =>
        {
            o.MaxAttempts = attempts;
            o.RequestTimeout = TimeSpan.FromSeconds(5);
            o.InitialBackoff = TimeSpan.FromMilliseconds(50);
            o.MaxBackoff = TimeSpan.FromMilliseconds(200);
        });
        var observer = anvil.CreateClient(http);

        // Mining a million blocks keeps anvil busy answering this one request for minutes.
        var clock = Stopwatch.StartNew();
        var inFlight = client.MineAsync(1_000_000);

        // Blocks appearing prove the request reached anvil and is being served; then anvil dies under it.
        var deadline = Stopwatch.StartNew();
        while (await observer.GetBlockNumberAsync() == 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "anvil never started mining");
            Assert.False(inFlight.IsCompleted, "the mining request finished before anvil could be killed");
            await Task.Delay(10);
        }

        Assert.False(inFlight.IsCompleted);
        anvil.Kill();

        var e = await Assert.ThrowsAsync<L1UnavailableException>(() => inFlight);

        Assert.Equal(anvil.Endpoint.GetLeftPart(UriPartial.Authority), e.Endpoint);
        Assert.Equal("anvil_mine", e.Method);
        Assert.Equal(attempts, e.Attempts);
        Assert.Contains(e.Endpoint, e.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"giving up took {clock.Elapsed}");
        Assert.True(anvil.HasExited);
    }

    [Fact]
    public async Task A_dead_node_is_reported_quickly_to_new_requests()
    {
        var anvil = await AnvilProcess.StartAsync(hardfork: null);
        using var http = new HttpClient();
        var client = anvil.CreateClient(http, o =>
        {
            o.MaxAttempts = 3;
            o.InitialBackoff = TimeSpan.FromMilliseconds(20);
            o.MaxBackoff = TimeSpan.FromMilliseconds(40);
        });
        Assert.Equal(31337UL, await client.GetChainIdAsync());
        await anvil.DisposeAsync();
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<L1UnavailableException>(() => client.GetChainIdAsync());

        Assert.Equal(3, e.Attempts);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"giving up took {clock.Elapsed}");
    }
}
