using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Obscuro.Client;
using Obscuro.Client.Configuration;
using Obscuro.EndToEnd.Tests.Support;

namespace Obscuro.EndToEnd.Tests;

/// <summary>
/// The README's main command, run as an operator runs it (a child process with redirected output, so it prints plain
/// status lines): it comes up, lists its nodes for wallets, the three aggregators reach the same head, the verifier
/// follows them, the demo's transfers land in rollups, and Ctrl-C stops everything (the node processes and anvil included) with exit code 0.
/// </summary>
public sealed partial class DevnetCommandTests : IDisposable
{
    private static readonly TimeSpan UpDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(45);

    private readonly string _data = Directory.CreateTempSubdirectory("obscuro-devnet-test-").FullName;

    [Fact]
    public async Task The_devnet_runs_the_demo_with_a_verifier_that_agrees_and_stops_cleanly_on_SIGINT()
    {
        using var devnet = DevnetProcess.Start(_data, "--block-time", "1");

        // One status line where the three aggregators are at the same head (generation and hash), the verifier agrees with
        // the first aggregator, the demo's transfers are going, and some aggregator's rollup earned a full reward.
        var (generation, transfers, wins) = await PollAsync<(ulong Generation, int Transfers, long Wins)>(devnet, () =>
        {
            if (!File.Exists(devnet.NodesFile)) return null;
            foreach (var line in devnet.Output.Split('\n').Reverse())
            {
                var heads = Aggregators.Select(id => AggregatorHead().Matches(line).FirstOrDefault(m => m.Groups["id"].Value == id)).ToList();
                if (heads.Any(h => h is null) || !VerifierAgrees().IsMatch(line)) continue;
                var generations = heads.Select(h => h!.Groups["generation"].Value + " " + h.Groups["hash"].Value).Distinct().ToList();
                if (generations.Count != 1) continue;
                var agreed = ulong.Parse(VerifierAgrees().Match(line).Groups["generation"].Value, CultureInfo.InvariantCulture);
                var sent = int.Parse(DemoTransfers().Match(line).Groups["transfers"].Value, CultureInfo.InvariantCulture);
                var won = heads.Sum(h => long.Parse(h!.Groups["won"].Value, CultureInfo.InvariantCulture));
                var rewarded = heads.Sum(h => long.Parse(h!.Groups["full"].Value, CultureInfo.InvariantCulture));
                if (agreed >= 3 && sent >= 1 && rewarded >= 1) return (agreed, sent, won);
            }

            return null;
        });
        Assert.True(wins >= 1, "no aggregator reports a round won");
        Assert.True(generation >= 3 && transfers >= 1);

        // A wallet finds the nodes through nodes.json beside the deployment file, by id or by default the aggregator.
        var nodes = NodesFile.Read(devnet.NodesFile);
        Assert.Equal(["aggregator-1", "aggregator-2", "aggregator-3", "verifier-1"], nodes.Select(n => n.Id));
        Assert.Equal(new GatewayAddress("127.0.0.1", devnet.BasePort), NodesFile.Select(nodes, null).Gateways.Single());
        var deployment = DeploymentFile.Read(Path.Combine(_data, "deployment.json"));
        await using (var wallet = ObscuroClient.Create(new ClientOptions(deployment) { Node = NodesFile.Select(nodes, "verifier-1").ToEndpoint() }))
        {
            var status = await wallet.GetNodeStatusAsync();
            Assert.Equal("verifier-1", status.NodeId);
            Assert.False(status.IsAggregator);
        }

        var anvil = DevnetProcess.AnvilProcesses(devnet.L1Port);
        Assert.Single(anvil);

        // One process per node, each a child silo.
        var silos = DevnetProcess.NodeProcesses(_data);
        Assert.Equal(4, silos.Count);
        devnet.Signal("INT");

        Assert.True(await devnet.WaitForExitAsync(StopDeadline), $"The devnet did not stop within {StopDeadline.TotalSeconds:0} s of SIGINT.\n{devnet.Output}\n{devnet.Error}");
        Assert.True(devnet.ExitCode == 0, $"exit code {devnet.ExitCode}\n{devnet.Output}\n{devnet.Error}");
        Assert.Contains("The devnet has stopped.", devnet.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists($"/proc/{anvil[0]}"), "anvil is still running after the devnet stopped.");
        Assert.Empty(DevnetProcess.NodeProcesses(_data));
        Assert.False(File.Exists(devnet.NodesFile), "nodes.json still lists nodes that have stopped.");
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_on_stderr_and_a_non_zero_exit()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var devnet = DevnetProcess.Start(port, DevnetProcess.FreePort(), _data);

        Assert.True(await devnet.WaitForExitAsync(StopDeadline), devnet.Output + devnet.Error);
        Assert.Equal(1, devnet.ExitCode);
        var error = devnet.Error.Trim();
        Assert.DoesNotContain('\n', error);
        Assert.Contains($"Port {port}", error, StringComparison.Ordinal);
        Assert.Contains("in use", error, StringComparison.Ordinal);
        Assert.Empty(DevnetProcess.AnvilProcesses(port));
    }

    [Fact]
    public async Task A_missing_anvil_is_one_line_naming_the_install_script()
    {
        var environment = new Dictionary<string, string> { ["OBSCURO_ANVIL"] = Path.Combine(_data, "no-anvil-here") };
        using var devnet = DevnetProcess.Start(DevnetProcess.FreePort(), DevnetProcess.FreePort(), _data, environment);

        Assert.True(await devnet.WaitForExitAsync(StopDeadline), devnet.Output + devnet.Error);
        Assert.Equal(1, devnet.ExitCode);
        var error = devnet.Error.Trim();
        Assert.DoesNotContain('\n', error);
        Assert.Contains("install-deps.sh", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        using var devnet = DevnetProcess.Start(_data, "--frobnicate");

        Assert.True(await devnet.WaitForExitAsync(StopDeadline), devnet.Output + devnet.Error);
        Assert.Equal(2, devnet.ExitCode);
        Assert.Contains("--frobnicate", devnet.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static async Task<T> PollAsync<T>(DevnetProcess devnet, Func<T?> probe)
        where T : struct
    {
        var deadline = DateTime.UtcNow + UpDeadline;
        while (true)
        {
            if (probe() is { } value) return value;
            Assert.False(devnet.HasExited, $"The devnet exited early (code {(devnet.HasExited ? devnet.ExitCode : 0)}).\n{devnet.Output}\n{devnet.Error}");
            Assert.True(DateTime.UtcNow < deadline, $"The devnet did not get there within {UpDeadline.TotalSeconds:0} s.\n{devnet.Output}\n{devnet.Error}");
            await Task.Delay(250);
        }
    }

    private static readonly string[] Aggregators = ["aggregator-1", "aggregator-2", "aggregator-3"];

    [GeneratedRegex(@"(?<id>aggregator-\d): L1 \d+, rollup (?<generation>\d+) (?<hash>\S+), [^|]*?, (?<won>\d+) won, rewarded (?<full>\d+) full")]
    private static partial Regex AggregatorHead();

    [GeneratedRegex(@"verifier-1: L1 \d+, rollup (?<generation>\d+) \S+, .*?, agrees")]
    private static partial Regex VerifierAgrees();

    [GeneratedRegex(@"(?<transfers>\d+) transfers")]
    private static partial Regex DemoTransfers();
}
