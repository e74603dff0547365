using Obscuro.Grains.Enclave;
using Obscuro.Grains.L1;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Tests.Provisioning;

/// <summary>The registry an enclave judges secret requests by: the L1 allow-lists and each registration's token and time.</summary>
public sealed class RegistryViewTests
{
    private static readonly Hash256 MeasurementA = Keccak256.Hash("measurement a"u8);
    private static readonly Hash256 MeasurementB = Keccak256.Hash("measurement b"u8);
    private static readonly Hash256 Authority = Keccak256.Hash("authority"u8);

    [Fact]
    public void The_allow_lists_follow_governance_events_in_order()
    {
        var view = RegistryView.Empty.Apply(
            [new MeasurementAcceptanceChanged(MeasurementA, true), new MeasurementAcceptanceChanged(MeasurementB, true), new AuthorityAcceptanceChanged(Authority, true)], 1);
        Assert.Equal(new[] { MeasurementA, MeasurementB }.Order(), view.AcceptedMeasurements.Order());
        Assert.Contains(Authority, view.AcceptedAuthorities);

        var revoked = view.Apply([new MeasurementAcceptanceChanged(MeasurementA, false), new AuthorityAcceptanceChanged(Authority, false)], 2);
        Assert.Equal(MeasurementB, Assert.Single(revoked.AcceptedMeasurements));
        Assert.Empty(revoked.AcceptedAuthorities);

        // Views are per block: the earlier block's view is unchanged (an L1 reorg selects it again).
        Assert.Contains(MeasurementA, view.AcceptedMeasurements);
    }

    [Fact]
    public void A_registration_keeps_its_token_and_the_time_of_its_block()
    {
        var enclave = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        var token = "header.payload.signature"u8.ToArray();
        var view = RegistryView.Empty.Apply(
            [new NodeRegistered(enclave, enclave, new byte[64], Keccak256.Hash(token), MeasurementA, Authority, false, string.Empty, token, 1_700_000_000)], 7);
        var registration = Assert.Single(view.Pending);
        Assert.Equal(token, registration.AttestationToken);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), registration.RegisteredAtTime);
        Assert.Equal(7UL, registration.RegisteredAt);
    }
}
