using System.Net;
using System.Net.Sockets;

namespace Obscuro.Silo.Devnet;

/// <summary>
/// The devnet's nodes, in start order, and where each one lives: the one list to grow (more aggregators join by adding a
/// row). Node i takes gateway port base+10i and silo port base+10i+1, and its own data folder under <c>nodes/</c>.
/// </summary>
public static class DevnetLayout
{
    // (node id, aggregator, genesis, operator account). The genesis aggregator comes first: it initialises the network
    // the others then join (started one after another, like the POBI tests: a joining node asks the genesis enclave for
    // the seed once it is provisioned). Operator accounts are anvil's 1–4 (DevnetAccounts); every node needs its own.
    // Each aggregator's gossip endpoint is its gateway port + 1000, so distinct per node.
    private static readonly (string Id, bool Aggregator, bool Genesis, int Operator)[] Nodes =
    [
        ("aggregator-1", true, true, 1),
        ("aggregator-2", true, false, 2),
        ("aggregator-3", true, false, 3),
        ("verifier-1", false, false, 4),
    ];

    public const int PortsPerNode = 10;

    public static IReadOnlyList<DevnetNodeSpec> Specs(string dataRoot, string deploymentFile, int basePort)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataRoot);
        return Nodes
            .Select((node, i) => new DevnetNodeSpec(
                node.Id, node.Aggregator, node.Genesis, node.Operator,
                SiloPort: basePort + (PortsPerNode * i) + 1,
                GatewayPort: basePort + (PortsPerNode * i),
                DataDirectory: Path.Combine(dataRoot, "nodes", node.Id),
                DeploymentFile: deploymentFile))
            .ToList();
    }

    /// <summary>
    /// Fails with a one-line message naming the first port something else holds, before anything starts: a silo that
    /// finds its port taken fails deep inside Orleans, after anvil and the contracts are already up.
    /// </summary>
    public static void CheckPortsFree(int l1Port, IEnumerable<DevnetNodeSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var wanted = new List<(int Port, string What)> { (l1Port, "anvil's JSON-RPC (--l1-port)") };
        foreach (var spec in specs)
        {
            wanted.Add((spec.GatewayPort, $"{spec.NodeId}'s gateway (--base-port)"));
            wanted.Add((spec.SiloPort, $"{spec.NodeId}'s silo (--base-port)"));
            if (spec.IsAggregator) wanted.Add((spec.EffectiveGossipPort, $"{spec.NodeId}'s gossip endpoint (--base-port + 1000)"));
        }

        foreach (var (port, what) in wanted)
        {
            if (!IsFree(port))
            {
                throw new DevnetStartupException($"Port {port} for {what} is in use: is another devnet running? Stop it, or choose other ports.");
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
