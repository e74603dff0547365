using System.Globalization;

namespace Obscuro.Silo.Devnet;

/// <summary>
/// The devnet command line. The defaults are the README's devnet; the ports and the data folder can move so that tests
/// (and a second devnet) do not collide with a running one.
/// </summary>
public sealed record DevnetOptions
{
    public const string Usage = """
        Usage: Obscuro.Silo devnet [options]
          --l1-port P       anvil's JSON-RPC port (default 8545)
          --block-time S    seconds between L1 blocks (default 2)
          --base-port P     first node's gateway port; node i uses P+10i (gateway) and P+10i+1 (silo) (default 30000)
          --data DIR        where deployment.json, nodes.json and nodes/<id>/ go (default .devnet in the repository)
          --no-demo         start no demo workload
          --help            this text
        """;

    public int L1Port { get; init; } = 8545;

    public int BlockTime { get; init; } = 2;

    public int BasePort { get; init; } = 30000;

    /// <summary>Null: <c>.devnet</c> in the repository.</summary>
    public string? DataRoot { get; init; }

    public bool Demo { get; init; } = true;

    public bool Help { get; init; }

    /// <exception cref="DevnetStartupException">An unknown option or a malformed value (exit code 2).</exception>
    public static DevnetOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new DevnetOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--l1-port" => options with { L1Port = Port(args, ++i, "--l1-port") },
                "--block-time" => options with { BlockTime = Positive(args, ++i, "--block-time") },
                "--base-port" => options with { BasePort = Port(args, ++i, "--base-port") },
                "--data" => options with { DataRoot = Value(args, ++i, "--data") },
                "--no-demo" => options with { Demo = false },
                "--help" or "-h" => options with { Help = true },
                var unknown => throw new DevnetStartupException($"Unknown devnet option '{unknown}' (--help lists them).", 2),
            };
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, int index, string name) =>
        index < args.Count && args[index].Length > 0 ? args[index] : throw new DevnetStartupException($"{name} needs a value.", 2);

    private static int Positive(IReadOnlyList<string> args, int index, string name) =>
        int.TryParse(Value(args, index, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new DevnetStartupException($"{name} needs a positive whole number, not '{args[index]}'.", 2);

    private static int Port(IReadOnlyList<string> args, int index, string name)
    {
        var port = Positive(args, index, name);

        // The nodes take ports above the base; leave room for a few of them below 65536.
        return port <= 65_000 ? port : throw new DevnetStartupException($"{name} {port} is too high: use a port up to 65000.", 2);
    }
}
