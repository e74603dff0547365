using System.Diagnostics;
using Obscuro.Protocol.Pobi;

namespace Obscuro.Benchmarks;

/// <summary>Calibrates the start-up delay: the serial hash rate of this machine against the constant the code assumes.</summary>
internal static class StartupDelayBenchmarks
{
    public static void Run(Report report)
    {
        const long iterations = 2_000_000;
        StartupDelay.Run(10_000);
        var watch = Stopwatch.StartNew();
        StartupDelay.Run(iterations);
        var rate = iterations / watch.Elapsed.TotalSeconds;
        report.Add(new("pobi", "start-up delay chain, SHA-256 steps per second", rate, "hashes/s",
            $"code assumes a fast CPU does {StartupDelay.FastCpuHashesPerSecond:N0}/s"));
        report.Add(new("pobi", "production start-up delay on this machine", StartupDelay.ProductionIterations / rate, "s",
            rate <= StartupDelay.FastCpuHashesPerSecond ? "≥ 10 s target: holds here" : "FASTER than the assumed fast CPU: raise the constant"));
    }
}
