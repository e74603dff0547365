using Obscuro.Grains.Node;
using Obscuro.Grains.Tests.Host.StandIns;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Grains.Tests.Host;

[Collection(HostClusterDefinition.Name)]
public sealed class MempoolAndApiTests(HostClusterFixture fixture)
{
    [Fact]
    public async Task A_client_submits_through_the_public_API_and_the_mempool_keeps_each_admitted_transaction_once_in_order()
    {
        var nodeId = $"api-{Guid.NewGuid():N}";
        var api = fixture.Client.GetGrain<INodeApiGrain>(nodeId);
        byte[][] submissions = [[1, 1], [2, 2], [3, 3]];

        var results = new List<SubmissionResult>();
        foreach (var submission in submissions)
        {
            results.Add(await api.SubmitTransactionAsync(submission));
        }

        var again = await api.SubmitTransactionAsync(submissions[1]);
        var garbage = await api.SubmitTransactionAsync([StandInAdmissionGrain.Garbage, 9]);
        var empty = await api.SubmitTransactionAsync([]);

        Assert.All(results, result => Assert.True(result.Accepted, result.Message));
        Assert.Equal(submissions.Select(s => Keccak256.Hash(s)), results.Select(r => r.TransactionHash!.Value));
        Assert.True(again.Accepted);
        Assert.Equal(results[1].TransactionHash, again.TransactionHash);
        Assert.False(garbage.Accepted);
        Assert.Equal((byte)TransactionRejection.NotDecryptable, garbage.Reason);
        Assert.Equal((byte)TransactionRejection.Malformed, empty.Reason);

        var mempool = fixture.Internal.GetGrain<IMempoolGrain>(nodeId);
        var pending = await mempool.GetPendingAsync(10);
        Assert.Equal(results.Select(r => r.TransactionHash!.Value), pending.Select(p => p.TransactionHash));
        Assert.Equal(submissions[0].Reverse(), pending[0].Sealed);
        Assert.Equal(3L, await mempool.GetAdmittedCountAsync());
        Assert.Equal(2, (await mempool.GetPendingAsync(2)).Count);

        await mempool.RemoveAsync([results[0].TransactionHash!.Value, Keccak256.Hash("unknown"u8)]);
        Assert.Equal(results.Skip(1).Select(r => r.TransactionHash!.Value), (await mempool.GetPendingAsync(10)).Select(p => p.TransactionHash));
    }

    [Fact]
    public async Task A_full_mempool_turns_submissions_away_with_its_own_reason()
    {
        var nodeId = $"full-{Guid.NewGuid():N}";
        var mempool = fixture.Internal.GetGrain<IMempoolGrain>(nodeId);
        for (var i = 1; i <= HostClusterFixture.MempoolCapacity; i++)
        {
            Assert.True((await mempool.SubmitAsync([(byte)i, 7])).Accepted);
        }

        var refused = await mempool.SubmitAsync([99, 7]);

        Assert.False(refused.Accepted);
        Assert.Equal(HostRejections.MempoolFull, refused.Reason);
        Assert.Contains("full", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HostClusterFixture.MempoolCapacity, await mempool.CountAsync());
    }

    [Fact]
    public async Task Transactions_of_a_rollup_a_reorg_removed_come_back_first_once_and_beyond_capacity()
    {
        var nodeId = $"restore-{Guid.NewGuid():N}";
        var mempool = fixture.Internal.GetGrain<IMempoolGrain>(nodeId);
        var included = new List<SealedTransaction>();
        for (var i = 1; i <= HostClusterFixture.MempoolCapacity; i++)
        {
            Assert.True((await mempool.SubmitAsync([(byte)i, 8])).Accepted);
        }

        // Two were included (and dropped); the mempool fills up again; then a reorg removes their rollup.
        included.AddRange(await mempool.GetPendingAsync(2));
        await mempool.RemoveAsync([.. included.Select(t => t.TransactionHash)]);
        Assert.True((await mempool.SubmitAsync([50, 8])).Accepted);
        Assert.True((await mempool.SubmitAsync([51, 8])).Accepted);
        var waiting = await mempool.GetPendingAsync(10);

        await mempool.RestoreAsync([.. included, waiting[0]]);

        var pending = await mempool.GetPendingAsync(10);
        Assert.Equal(included.Concat(waiting).Select(t => t.TransactionHash), pending.Select(t => t.TransactionHash));
        Assert.Equal(HostClusterFixture.MempoolCapacity + 2, await mempool.CountAsync());
        Assert.Equal((long)HostClusterFixture.MempoolCapacity + 2, await mempool.GetAdmittedCountAsync());
        await Assert.ThrowsAsync<ClientCallRejectedException>(() => fixture.Client.GetGrain<IMempoolGrain>(nodeId).RestoreAsync(included));
    }

    [Fact]
    public async Task Pending_transactions_survive_the_mempool_grain_being_deactivated()
    {
        var nodeId = $"persist-{Guid.NewGuid():N}";
        var mempool = fixture.Internal.GetGrain<IMempoolGrain>(nodeId);
        var accepted = await mempool.SubmitAsync([5, 5, 5]);

        await DeactivateAsync(mempool);

        var pending = await mempool.GetPendingAsync(10);
        Assert.True(accepted.Accepted, accepted.Message);
        Assert.Equal(accepted.TransactionHash!.Value.ToString(), Assert.Single(pending).TransactionHash.ToString());
        Assert.Equal(1L, await mempool.GetAdmittedCountAsync());
    }

    [Fact]
    public async Task Admissions_survive_deactivation_from_the_journal_or_a_checkpoint_and_a_removed_transaction_stays_removed()
    {
        var nodeId = $"journal-{Guid.NewGuid():N}";
        var mempool = fixture.Internal.GetGrain<IMempoolGrain>(nodeId);

        // Journaled, then removed: the checkpoint the removal writes leaves the older journal (still naming it) stale.
        var removed = await mempool.SubmitAsync([1, 6]);
        await mempool.RemoveAsync([removed.TransactionHash!.Value]);
        await DeactivateAsync(mempool);
        Assert.Empty(await mempool.GetPendingAsync(10));
        Assert.Equal(1L, await mempool.GetAdmittedCountAsync());

        // Two fill the journal (limit 2), so the second admission writes a checkpoint; the third is journaled after it.
        var kept = new List<SubmissionResult>();
        for (byte i = 2; i <= 4; i++)
        {
            kept.Add(await mempool.SubmitAsync([i, 6]));
        }

        await DeactivateAsync(mempool);
        Assert.All(kept, result => Assert.True(result.Accepted, result.Message));
        Assert.True(kept.Count > HostClusterFixture.MempoolJournalLimit);
        Assert.Equal(kept.Select(r => r.TransactionHash!.Value), (await mempool.GetPendingAsync(10)).Select(t => t.TransactionHash));
        Assert.Equal(4L, await mempool.GetAdmittedCountAsync());

        // And on from there: a further admission and a removal, reactivated again.
        var last = await mempool.SubmitAsync([5, 6]);
        await mempool.RemoveAsync([kept[0].TransactionHash!.Value]);
        await DeactivateAsync(mempool);
        Assert.Equal(kept.Skip(1).Append(last).Select(r => r.TransactionHash!.Value), (await mempool.GetPendingAsync(10)).Select(t => t.TransactionHash));
        Assert.Equal(5L, await mempool.GetAdmittedCountAsync());
    }

    [Fact]
    public async Task Clients_may_call_the_node_API_but_not_the_node_s_internal_grains()
    {
        var nodeId = $"filter-{Guid.NewGuid():N}";

        var status = await fixture.Client.GetGrain<INodeApiGrain>(nodeId).GetStatusAsync();
        Assert.Equal(nodeId, status.NodeId);

        await Assert.ThrowsAsync<ClientCallRejectedException>(() => fixture.Client.GetGrain<IMempoolGrain>(nodeId).SubmitAsync([1, 2]));
        await Assert.ThrowsAsync<ClientCallRejectedException>(() => fixture.Client.GetGrain<IMempoolGrain>(nodeId).RemoveAsync([]));
        await Assert.ThrowsAsync<ClientCallRejectedException>(() => fixture.Client.GetGrain<IPublisherGrain>(nodeId).PublishCandidateAsync());
        await Assert.ThrowsAsync<ClientCallRejectedException>(() => fixture.Client.GetGrain<IL1WatcherGrain>(nodeId).GetHeadAsync());
        await Assert.ThrowsAsync<ClientCallRejectedException>(() => fixture.Client.GetGrain<INodeCoordinatorGrain>(nodeId).GetStatusAsync());
        await Assert.ThrowsAsync<ClientCallRejectedException>(() => fixture.Client.GetGrain<IRollupGrain>($"{nodeId}/x").GetAsync());
        await Assert.ThrowsAsync<ClientCallRejectedException>(() => fixture.Client.GetGrain<IL1BlockSourceGrain>(nodeId).GetBlockAsync(new L1BlockNotice(Hash256.Zero, Hash256.Zero, 0)));
    }

    private async Task DeactivateAsync(IMempoolGrain mempool)
    {
        await fixture.Cluster.DeactivateAsync(mempool);
        await Poll.UntilAsync(() => Task.FromResult(fixture.Cluster.TryGetGrainContext(mempool.GetGrainId(), out _)), active => !active, TimeSpan.FromSeconds(10), "deactivated");
    }
}
