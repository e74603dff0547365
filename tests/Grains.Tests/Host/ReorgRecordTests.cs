using System.Text;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Tests.Host;

/// <summary>
/// What a node's records say after an L1 reorg: a rollup whose L1 block the reorg removed no longer has a block or a
/// standing on L1, and its round forgets the publication, so the reward classes are those of the rollups still on L1
/// (published again on the new fork, the rollup is recorded again); a candidate its enclave had to rebuild on the new
/// fork, with the same nonce, is still that aggregator's candidate.
/// </summary>
[Collection(HostClusterDefinition.Name)]
public sealed class ReorgRecordTests(HostClusterFixture fixture)
{
    private static readonly Address Own = Address.Parse("0x00000000000000000000000000000000000000a1");
    private static readonly Address Other = Address.Parse("0x00000000000000000000000000000000000000b2");

    [Fact]
    public async Task A_rollup_whose_block_a_reorg_removed_is_recorded_as_removed_until_a_block_of_the_new_fork_carries_it()
    {
        var nodeId = $"reorg-{Guid.NewGuid():N}";
        var (rollup, parent, child) = (Hash("rollup"), Hash("parent"), Hash("child"));
        var (removedBlock, otherBlock, newBlock) = (Block("old 12", 12), Block("old 13", 13), Block("new 12", 12));
        var grain = fixture.Internal.GetGrain<IRollupGrain>($"{nodeId}/{rollup}");
        await grain.RecordAsync(new RollupRecord(rollup, parent, 5, removedBlock, "canonical", []));
        await grain.AddChildAsync(child);

        // A block that does not hold the rollup changes nothing.
        await grain.MarkRemovedAsync(otherBlock.Hash);
        Assert.Equal(("canonical", removedBlock), ((await grain.GetAsync())!.Standing, (await grain.GetAsync())!.IncludedIn));

        await grain.MarkRemovedAsync(removedBlock.Hash);
        var removed = await grain.GetAsync();
        Assert.Equal((RollupRecord.RemovedStanding, null), (removed!.Standing, removed.IncludedIn));
        Assert.Equal((parent, 5UL), (removed.ParentHash, removed.Generation));
        Assert.Equal([child], removed.Children);

        // Published again on the new fork; a late notice of the old block's removal does not undo that.
        await grain.RecordAsync(new RollupRecord(rollup, parent, 5, newBlock, "canonical", []));
        await grain.MarkRemovedAsync(removedBlock.Hash);
        var again = await grain.GetAsync();
        Assert.Equal(("canonical", newBlock), (again!.Standing, again.IncludedIn));
        Assert.Equal([child], again.Children);
    }

    [Fact]
    public async Task A_round_forgets_a_publication_whose_block_a_reorg_removed_and_its_reward_class_goes_to_what_is_still_on_L1()
    {
        var nodeId = $"reorg-{Guid.NewGuid():N}";
        var round = fixture.Internal.GetGrain<IRoundGrain>($"{nodeId}/5");
        var parent = Hash("parent");
        var (own, other) = (Hash("own"), Hash("other"));
        const ulong ParentIncludedAt = 10;

        // This node's candidate has the lowest nonce, but the other aggregator's reached L1 first (block 11, canonical);
        // this node claimed the round one block later (block 12, sibling): its rollup earns, the front-runner's does not.
        await round.OfferAsync(new RoundOffer(own, parent, Own, new UInt256(1), ParentIncludedAt, Own: true));
        await round.OfferAsync(new RoundOffer(other, parent, Other, new UInt256(2), ParentIncludedAt, Own: false));
        await round.RecordL1Async(new RoundL1Rollup(other, parent, Other, new UInt256(2), ParentIncludedAt, 11, "canonical"));
        await round.RecordL1Async(new RoundL1Rollup(own, parent, Own, new UInt256(1), ParentIncludedAt, 12, "sibling"));
        await round.RecordPublicationAsync(own, Hash("own publication"), 12);
        var before = await round.GetAsync();
        Assert.Equal([(other, "none"), (own, "minimal")], before.OnL1.Select(r => (r.RollupHash, r.RewardClass)));

        // A reorg removed block 12: the claim is gone from L1, and the front-runner's rollup, alone, is the round's winner on L1.
        await round.ForgetL1Async(own, 12);
        await round.ForgetL1Async(own, 12);
        var after = await round.GetAsync();
        Assert.Equal([(other, "full")], after.OnL1.Select(r => (r.RollupHash, r.RewardClass)));
        Assert.Equal(other, after.Canonical?.RollupHash);
        Assert.Equal((null, null), (after.OwnPublicationTransaction, after.OwnPublicationBlock));
        Assert.Equal(own, after.OwnRollup);
        Assert.Equal(2, after.Candidates.Count);

        // A removal of a block that did not hold the rollup is ignored.
        await round.ForgetL1Async(other, 12);
        Assert.Single((await round.GetAsync()).OnL1);

        // The claim lands again in the new fork's block 12.
        await round.RecordL1Async(new RoundL1Rollup(own, parent, Own, new UInt256(1), ParentIncludedAt, 12, "sibling"));
        var again = await round.GetAsync();
        Assert.Equal([(other, "none"), (own, "minimal")], again.OnL1.Select(r => (r.RollupHash, r.RewardClass)));
    }

    [Fact]
    public async Task A_candidate_rebuilt_with_the_same_nonce_after_a_reorg_restates_the_aggregator_s_candidate_and_a_second_nonce_is_equivocation()
    {
        var nodeId = $"reorg-{Guid.NewGuid():N}";
        var round = fixture.Internal.GetGrain<IRoundGrain>($"{nodeId}/5");
        var parent = Hash("parent");
        const ulong ParentIncludedAt = 10;
        Assert.True(await round.OfferAsync(new RoundOffer(Hash("own"), parent, Own, new UInt256(1), ParentIncludedAt, Own: true)));
        Assert.True(await round.OfferAsync(new RoundOffer(Hash("other"), parent, Other, new UInt256(2), ParentIncludedAt, Own: false)));

        // A reorg removed the block both candidates depended on, but not the parent's: each enclave rebuilds its candidate
        // on the same parent and inclusion block with its sealed nonce. Both are the aggregators' candidates now (and the
        // node's own rebuild is to be gossiped: the offer says it is new).
        Assert.True(await round.OfferAsync(new RoundOffer(Hash("own rebuilt"), parent, Own, new UInt256(1), ParentIncludedAt, Own: true)));
        Assert.True(await round.OfferAsync(new RoundOffer(Hash("other rebuilt"), parent, Other, new UInt256(2), ParentIncludedAt, Own: false)));
        var view = await round.GetAsync();
        Assert.Empty(view.Equivocators);
        Assert.Equal([Hash("own rebuilt"), Hash("other rebuilt")], view.Candidates.Select(c => c.RollupHash));
        Assert.Equal((Hash("own rebuilt"), Hash("own rebuilt")), (view.Winner?.RollupHash, view.OwnRollup));

        // Another nonce for the same parent and inclusion is a second draw: the aggregator is out of the round.
        Assert.False(await round.OfferAsync(new RoundOffer(Hash("other, second draw"), parent, Other, new UInt256(3), ParentIncludedAt, Own: false)));
        var after = await round.GetAsync();
        Assert.Equal([Other], after.Equivocators);
        Assert.Equal([Hash("own rebuilt")], after.Candidates.Select(c => c.RollupHash));
    }

    private static Hash256 Hash(string text) => Keccak256.Hash(Encoding.UTF8.GetBytes(text));

    private static L1BlockNotice Block(string name, ulong number) => new(Hash(name), Hash(name + " parent"), number);
}
