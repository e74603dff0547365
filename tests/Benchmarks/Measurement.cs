using System.Diagnostics;

namespace Obscuro.Benchmarks;

/// <summary>One measured quantity: a rate (operations per second) or a plain value with its unit.</summary>
internal sealed record Measurement(string Suite, string Name, double Value, string Unit, string? Note = null);

/// <summary>Runs a body repeatedly until enough time has passed and reports its rate, on one core or on all cores.</summary>
internal static class Meter
{
    public static TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Operations per second of <paramref name="body"/>, which performs <paramref name="batch"/> operations per call.</summary>
    public static double Rate(Action body, int batch = 1)
    {
        body(); // warm up: JIT, caches, lazy statics
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed < TimeSpan.FromMilliseconds(200)) body();

        long operations = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Duration)
        {
            body();
            operations += batch;
        }

        return operations / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Aggregate operations per second with one worker per core, each calling its own body.</summary>
    public static double ParallelRate(Func<Action> bodyPerWorker, int batch = 1)
    {
        var workers = Environment.ProcessorCount;
        var bodies = Enumerable.Range(0, workers).Select(_ => bodyPerWorker()).ToArray();
        foreach (var body in bodies) body();
        var counts = new long[workers];
        using var start = new Barrier(workers + 1);
        var threads = Enumerable.Range(0, workers).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            var watch = Stopwatch.StartNew();
            long n = 0;
            while (watch.Elapsed < Duration)
            {
                bodies[i]();
                n += batch;
            }

            counts[i] = n;
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        var total = Stopwatch.StartNew();
        start.SignalAndWait();
        foreach (var thread in threads) thread.Join();
        return counts.Sum() / total.Elapsed.TotalSeconds;
    }
}
