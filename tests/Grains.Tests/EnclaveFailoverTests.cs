namespace Obscuro.Grains.Tests;

/// <summary>Kills the enclave silo, so it has a cluster of its own.</summary>
public sealed class EnclaveFailoverTests(TeeClusterFixture fixture) : IClassFixture<TeeClusterFixture>
{
    private static readonly TimeSpan MembershipDeadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Without_a_tee_silo_calls_fail_clearly_and_a_returning_tee_silo_serves_the_same_sealed_key()
    {
        var client = fixture.Client;
        var before = Enumerable.Range(0, 10).Select(i => $"failover-before-{i}").ToList();
        var identities = await Task.WhenAll(before.Select(id => client.GetGrain<IEnclaveIdentityGrain>(id).GetIdentityAsync()));
        var enclaveKey = identities[0].PublicKey;
        var grainType = fixture.EnclaveIdentityGrainType;

        await fixture.Cluster.KillSiloAsync(fixture.TeeSilo);

        // Until the host silos declare the enclave silo dead, a call may still be sent to it; after that, placement
        // has no compatible silo and says so at once.
        var probe = 0;
        var firstClearError = await Poll.UntilAsync(
            () => FailureOf(client, $"failover-probe-{probe++}"),
            IsNoEnclaveSilo,
            MembershipDeadline,
            "failing for want of an enclave silo");
        Assert.Contains("enclaveidentity", firstClearError!.Message, StringComparison.OrdinalIgnoreCase);

        var during = Enumerable.Range(0, 10).Select(i => $"failover-during-{i}").ToList();
        foreach (var id in before.Concat(during))
        {
            Assert.True(IsNoEnclaveSilo(await FailureOf(client, id)), $"{id} did not fail for want of an enclave silo");
        }

        // Host grains still answer and report that the enclave is gone.
        var info = await client.GetGrain<INodeInfoGrain>("failover-info").GetNodeInfoAsync();
        Assert.Equal((2, 0), (info.HostSilos, info.EnclaveSilos));
        Assert.Null(info.Enclave);

        // Nothing enclave-side activated anywhere meanwhile.
        Assert.All(before.Concat(during), id => Assert.False(fixture.Cluster.TryGetGrainContext(GrainId.Create(grainType, id), out _)));
        Assert.Empty(await fixture.EnclaveIdentityActivationsOnAsync(fixture.HostSilos));

        // The enclave silo comes back with the same data directory (a new silo process, a new silo address).
        var returned = await fixture.Cluster.StartAdditionalSiloAsync();
        Assert.True(TeeClusterFixture.IsTeeSilo(returned));
        var identity = await Poll.UntilAsync(
            () => IdentityOrNull(client, before[0]),
            result => result is not null,
            MembershipDeadline,
            "served by the returning enclave silo");

        Assert.Equal(enclaveKey, identity!.PublicKey);
        Assert.True(fixture.Cluster.TryGetGrainContext(GrainId.Create(grainType, before[0]), out var context));
        Assert.Equal(returned.SiloAddress, context.Address.SiloAddress);
    }

    /// <summary>
    /// The two ways Orleans says there is no enclave silo: placement finds no compatible silo while the caller's
    /// cluster manifest still lists the grain type; once it has dropped the dead silo, GetGrain itself finds no
    /// implementation of the interface.
    /// </summary>
    private static bool IsNoEnclaveSilo(Exception? error) => error switch
    {
        OrleansException => error.Message.Contains("No active nodes are compatible with grain enclaveidentity", StringComparison.Ordinal),
        ArgumentException => error.Message.Contains("Could not find an implementation for interface Obscuro.IEnclaveIdentityGrain", StringComparison.Ordinal),
        _ => false,
    };

    private static async Task<Exception?> FailureOf(IClusterClient client, string nodeId)
    {
        try
        {
            await client.GetGrain<IEnclaveIdentityGrain>(nodeId).GetIdentityAsync();
            return null;
        }
        catch (Exception error) when (error is OrleansException or ArgumentException or TimeoutException)
        {
            return error;
        }
    }

    private static async Task<EnclaveIdentity?> IdentityOrNull(IClusterClient client, string nodeId)
    {
        try
        {
            return await client.GetGrain<IEnclaveIdentityGrain>(nodeId).GetIdentityAsync();
        }
        catch (Exception error) when (error is OrleansException or ArgumentException)
        {
            // The new silo's metadata and manifest reach the other silos and the client shortly after it joins.
            return null;
        }
    }
}
