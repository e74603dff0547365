using Obscuro.Grains.Node;

namespace Obscuro.Grains.Host;

/// <summary>
/// Field-by-field equality of <see cref="NetworkSettings"/> (record equality would compare its lists and byte arrays
/// by reference): grains that persist the settings refuse a restart with different ones.
/// </summary>
internal static class NetworkSettingsComparison
{
    public static bool Same(NetworkSettings a, NetworkSettings b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.L1ChainId == b.L1ChainId
            && a.NetworkManagement == b.NetworkManagement
            && a.RollupManagement == b.RollupManagement
            && a.Bridge == b.Bridge
            && a.Anchor == b.Anchor
            && a.L2ChainId == b.L2ChainId
            && a.RevealLengths.SequenceEqual(b.RevealLengths)
            && a.IsAggregator == b.IsAggregator
            && a.IsGenesisNode == b.IsGenesisNode
            && a.Operator == b.Operator
            && a.Registration.AttestationToken.AsSpan().SequenceEqual(b.Registration.AttestationToken)
            && a.Registration.Measurement == b.Registration.Measurement
            && a.Registration.Authority == b.Registration.Authority
            && a.Registration.Endpoint == b.Registration.Endpoint
            && a.Registration.Stake == b.Registration.Stake
            && a.Registration.Fee == b.Registration.Fee;
    }

    /// <summary>Throws when <paramref name="requested"/> differs from the <paramref name="persisted"/> settings a grain already runs with.</summary>
    public static void RequireSame(NetworkSettings persisted, NetworkSettings requested, string grain)
    {
        if (!Same(persisted, requested))
        {
            throw new ArgumentException(
                $"The {grain} already runs with other network settings (RollupManagement {persisted.RollupManagement}, anchor block {persisted.Anchor.Number}); " +
                "a node's network settings cannot change. Start a new node (a new node id or fresh storage) for another network.",
                nameof(requested));
        }
    }
}
