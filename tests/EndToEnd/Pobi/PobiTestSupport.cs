using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.EndToEnd.Tests.Pobi;

/// <summary>A round held on a still L1: every running node is at <see cref="Head"/>, and the next round's winner has sent its rollup.</summary>
/// <param name="Head">The rollup generation every running node is at.</param>
/// <param name="Winner">The operator index of the aggregator whose publication waits in anvil's pool.</param>
internal sealed record HeldRound(ulong Head, int Winner)
{
    /// <summary>The generation of the round whose candidates are all made (and whose winner's rollup is pending on L1).</summary>
    public ulong Generation => Head + 1;
}

/// <summary>
/// What the gossip and reorg tests need of a <see cref="PobiNetwork"/> beyond its own API (kept out of PobiNetwork.cs,
/// which other work edits).
/// </summary>
internal static class PobiTestSupport
{
    private const int StartAttempts = 3;

    /// <summary>
    /// <see cref="PobiNetwork.StartAsync"/>, started afresh when a node cannot bind one of its ports. The network picks
    /// every node's ports before it starts the first node, and starting them takes tens of seconds, during which an
    /// outgoing connection of this or another test (ephemeral ports come from the same range) can take a port that was
    /// free when picked: that is a start-up race of the harness, not an outcome of the behaviour under test.
    /// </summary>
    public static async Task<PobiNetwork> StartNetworkAsync(int aggregators)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PobiNetwork.StartAsync(aggregators);
            }
            catch (Exception e) when (attempt < StartAttempts && IsAddressInUse(e))
            {
                // StartAsync has disposed the half-started network; the next attempt picks new ports.
            }
        }
    }

    /// <summary>
    /// With L1 paused: waits until every running node is on the same rollup head, every node's round on it holds a
    /// candidate from every aggregator, and the winner's publication is in anvil's pool. From then on the round's
    /// candidates are fixed (an enclave makes one per parent), so a transaction submitted now cannot be in any of them.
    /// </summary>
    public static async Task<HeldRound> WaitForHeldRoundAsync(this PobiNetwork network, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(network);
        return await PobiNetwork.PollAsync(
            async () =>
            {
                var statuses = await network.StatusesAsync();
                if (statuses.Select(s => (s.HeadGeneration, s.HeadRollup)).Distinct().Count() != 1 || statuses[0].HeadRollup.IsZero)
                {
                    return null;
                }

                var head = statuses[0].HeadGeneration;
                foreach (var node in network.Nodes.Where(n => n is not null))
                {
                    if ((await node!.Api.GetRoundAsync(head + 1)).Candidates.Count != network.Nodes.Length)
                    {
                        return null;
                    }
                }

                if (await network.PendingAsync() == 0)
                {
                    return null;
                }

                var senders = await network.PendingSendersAsync();
                var operators = senders.Select(network.IndexOfOperator).Where(i => i >= 0).Distinct().ToList();
                return operators.Count == 1 ? new HeldRound(head, operators[0]) : null;
            },
            timeout,
            "every node on one head with the next round's candidates from every aggregator, and its winner's rollup sent to L1");
    }

    /// <summary>The enclave address of every node, by index (all must be running).</summary>
    public static async Task<IReadOnlyList<Address>> EnclavesAsync(this PobiNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var statuses = await network.StatusesAsync();
        Assert.Equal(network.Nodes.Length, statuses.Count);
        return [.. statuses.Select(s => s.Enclave?.EnclaveAddress ?? throw new InvalidOperationException($"Node {s.NodeId} reports no enclave."))];
    }

    /// <summary>Polls one node's status until <paramref name="done"/> holds.</summary>
    public static async Task<NodeStatus> WaitForStatusAsync(this PobiNetwork network, int index, Func<NodeStatus, bool> done, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(done);
        return await PobiNetwork.PollAsync(
            async () => await network.Node(index).Api.GetStatusAsync() is { } status && done(status) ? status : null,
            timeout,
            what);
    }

    private static bool IsAddressInUse(Exception? e) => e switch
    {
        null => false,
        System.Net.Sockets.SocketException socket => socket.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsAddressInUse),
        _ => IsAddressInUse(e.InnerException),
    };
}
