using Obscuro.Benchmarks;

// The benchmark harness: `dotnet run -c Release --project tests/Benchmarks [suite ...]`.
// Prints a table and writes BenchmarkResults/benchmarks-<time>.json. Ratios are computed within one run, so they
// compare like with like on whatever machine runs it.
var suites = new Dictionary<string, Action<Report>>(StringComparer.OrdinalIgnoreCase)
{
    ["primitives"] = PrimitiveBenchmarks.Run,
    ["state"] = StateBenchmarks.Run,
    ["pobi"] = StartupDelayBenchmarks.Run,
    ["protocol"] = ProtocolBenchmarks.Run,
    ["ethereum"] = EthereumBenchmarks.Run,
    ["gas"] = GasBenchmarks.Run,
    ["node"] = NodeBenchmarks.Run,
};

var selected = args.Length == 0 ? suites.Keys.ToArray() : args;
var unknown = selected.Where(s => !suites.ContainsKey(s)).ToArray();
if (unknown.Length > 0)
{
    Console.Error.WriteLine($"Unknown suite(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", suites.Keys)}.");
    return 2;
}

var report = new Report();
Console.WriteLine($"Obscuro benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Report.PrintHeader();
foreach (var suite in selected)
{
    suites[suite](report);
}

report.WriteJson("BenchmarkResults");
return 0;
