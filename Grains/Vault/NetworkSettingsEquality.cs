using Obscuro.Grains.Node;

namespace Obscuro.Grains.Vault;

/// <summary>
/// Value equality of <see cref="NetworkSettings"/>: the record's own equality compares its lists and byte arrays by
/// reference, so two copies of the same settings (one restored from sealed state, one from the host) would differ.
/// </summary>
public static class NetworkSettingsEquality
{
    public static bool AreSame(NetworkSettings a, NetworkSettings b)
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
            && string.Equals(a.Registration.Endpoint, b.Registration.Endpoint, StringComparison.Ordinal)
            && a.Registration.Stake == b.Registration.Stake
            && a.Registration.Fee == b.Registration.Fee;
    }
}
