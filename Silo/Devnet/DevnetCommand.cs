using System.Globalization;
using System.Runtime.InteropServices;
using Obscuro.Contracts.Rpc;

namespace Obscuro.Silo.Devnet;

/// <summary>
/// <c>Obscuro.Silo devnet [--l1-port P] [--block-time S]</c>: the README's main command. Starts anvil, deploys the
/// management contracts, writes <c>.devnet/deployment.json</c>, and runs until Ctrl-C, then stops everything.
/// </summary>
public static class DevnetCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var port = Option(args, "--l1-port", 8545);
        var blockTime = Option(args, "--block-time", 2);
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        // Ctrl-C in a terminal and a plain `kill` both stop the devnet cleanly (anvil and silos included).
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        var root = DevnetTools.RepositoryRoot();
        Console.WriteLine($"Starting the L1: anvil on 127.0.0.1:{port} ({blockTime}-second blocks, Prague).");
        await using var anvil = await AnvilProcess.StartAsync(port, blockTime, cancellationToken: stop.Token);
        using var http = new HttpClient();
        var rpc = new EthRpcClient(http, new EthRpcOptions { Endpoint = anvil.Endpoint });

        Console.WriteLine("Deploying NetworkManagement, RollupManagement, Bridge and a test token …");
        var deployment = await DevnetL1.DeployAsync(rpc, anvil.Endpoint, [1, 300, 7_200, 216_000, 2_628_000], stop.Token);
        var file = Path.Combine(root, ".devnet", "deployment.json");
        deployment.Save(file);
        Console.WriteLine($"  NetworkManagement {deployment.NetworkManagement.ToChecksumString()}");
        Console.WriteLine($"  RollupManagement  {deployment.RollupManagement.ToChecksumString()}");
        Console.WriteLine($"  Bridge            {deployment.Bridge.ToChecksumString()}");
        Console.WriteLine($"  Test token        {deployment.TestToken?.ToChecksumString()}");
        Console.WriteLine($"  Deployment file   {file}");
        Console.WriteLine();
        Console.WriteLine("Not built yet, so not started: the aggregators and the verifier (Orleans silos), the demo workload and");
        Console.WriteLine("the live status view. The L1 and the contracts are up; Ctrl-C stops them.");

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping the devnet …");
        }

        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        if (index < 0) return fallback;
        if (index + 1 >= args.Length || !int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new ArgumentException($"{name} needs a positive whole number.");
        }

        return value;
    }
}
