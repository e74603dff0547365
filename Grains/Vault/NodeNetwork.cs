using Obscuro.Grains.Node;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Reveal;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Grains.Vault;

/// <summary>
/// The network as one node's enclave works with it: the public rules, derived once from its <see cref="NetworkSettings"/>: the execution
/// rules (fee, limits) with the network's L2 chain id, the reveal schedule, the rollup context (L1 chain and
/// RollupManagement address, which signatures bind to) and the stateless admission checks.
/// </summary>
public sealed class NodeNetwork
{
    private NodeNetwork(NetworkSettings settings, NetworkRules rules, RevealSchedule schedule)
    {
        Settings = settings;
        Rules = rules;
        Schedule = schedule;
        Context = new NetworkContext(settings.L1ChainId, settings.RollupManagement, rules, schedule);
        Admission = new TransactionAdmission(rules);
    }

    public NetworkSettings Settings { get; }

    public NetworkRules Rules { get; }

    public RevealSchedule Schedule { get; }

    public NetworkContext Context { get; }

    public TransactionAdmission Admission { get; }

    /// <summary>
    /// The rules of <paramref name="settings"/>. The size limit and rewards are the protocol's devnet values:
    /// NetworkSettings does not carry them and the enclave must not take them from the host, so they change only with the
    /// enclave code. The fee here is only the default: the ledger charges the fee governance set on NetworkManagement,
    /// read from verified L1 events (<see cref="Protocol.Chain.L2FeeChangedEvent"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The reveal lengths are not five non-decreasing positive numbers.</exception>
    public static NodeNetwork From(NetworkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.RevealLengths is not { Count: 5 } lengths)
        {
            throw new ArgumentException("NetworkSettings.RevealLengths must hold five interval lengths (XS, S, M, L, XL).", nameof(settings));
        }

        var schedule = new RevealSchedule(lengths[0], lengths[1], lengths[2], lengths[3], lengths[4]);
        schedule.Validate();
        var rules = NetworkRules.Devnet with { ChainId = settings.L2ChainId };
        return new NodeNetwork(settings, rules, schedule);
    }
}
