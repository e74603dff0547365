using System.Security.Cryptography;
using Obscuro.Protocol.Pobi;

namespace Obscuro.Protocol.Tests.Pobi;

public class StartupDelayTests
{
    [Fact]
    public void Chain_is_serial_sha256_from_the_domain()
    {
        var expected = SHA256.HashData("Obscuro.StartupDelay.v1"u8);
        for (var i = 0; i < 3; i++) expected = SHA256.HashData(expected);
        Assert.Equal(expected, StartupDelay.Run(3));
    }

    [Fact]
    public void Production_length_is_ten_seconds_at_the_fast_cpu_rate() =>
        Assert.Equal(10 * StartupDelay.FastCpuHashesPerSecond, StartupDelay.ProductionIterations);

    [Fact]
    public void Zero_or_negative_targets_mean_no_delay_and_negative_counts_are_refused()
    {
        Assert.Equal(0, StartupDelay.IterationsFor(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => StartupDelay.Run(-1));
    }

    [Fact]
    public void Can_be_cancelled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => StartupDelay.Run(1_000_000, cts.Token));
    }
}
