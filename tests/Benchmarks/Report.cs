using System.Globalization;
using System.Text.Json;

namespace Obscuro.Benchmarks;

/// <summary>Prints measurements as a table and writes them, with the machine's description, to a JSON file.</summary>
internal sealed class Report
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly List<Measurement> _measurements = [];

    public void Add(Measurement measurement)
    {
        _measurements.Add(measurement);
        Console.WriteLine(Format(measurement));
    }

    public void WriteJson(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"benchmarks-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        var document = new
        {
            machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString(), runtime = Environment.Version.ToString() },
            measurements = _measurements.Select(m => new { m.Suite, m.Name, m.Value, m.Unit, m.Note }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, Indented));
        Console.WriteLine($"Results written to {path}");
    }

    public static void PrintHeader() =>
        Console.WriteLine($"{"suite",-10} {"measurement",-52} {"value",16} {"unit",-10} note");

    private static string Format(Measurement m) =>
        $"{m.Suite,-10} {m.Name,-52} {m.Value.ToString(m.Value >= 100 ? "N0" : "N3", CultureInfo.InvariantCulture),16} {m.Unit,-10} {m.Note}";
}
