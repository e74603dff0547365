using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>A chain of rollups built as protocol headers, signed by enclave keys, with real proofs of block inclusion.</summary>
[Collection(SharedManagementChain.Name)]
public sealed class RollupPublicationTests(ManagementFixture fixture)
{
    [Fact]
    public async Task Publishes_a_chain_of_rollups_with_proofs_of_inclusion()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var rm = s.Reader.RollupManagement;
        var (a, b) = (fixture.EnclaveA, fixture.EnclaveB);

        var genesis = await s.Rollups.GenesisAsync(a, "genesis");
        Assert.Equal(genesis.Hash, await rm.GenesisHashAsync());
        var first = await s.Rollups.ChildAsync(genesis.Hash, b, "first");
        await s.Rpc.MineAsync(3); // the parent's block need not be the previous one, only among the last 256
        var second = await s.Rollups.ChildAsync(first.Hash, a, "second");
        var third = await s.Rollups.ChildAsync(second.Hash, a, "third");
        PublishedRollup[] chain = [genesis, first, second, third];

        for (var i = 0; i < chain.Length; i++)
        {
            var rollup = chain[i];
            var e = rollup.Event;
            Assert.Equal(
                (rollup.Hash, rollup.Header.ParentHash, rollup.Header.Aggregator, (ulong)i, rollup.Header.Nonce, rollup.Header.BlobHash),
                (e.RollupHash, e.ParentHash, e.Aggregator, e.Generation, e.Nonce, e.BlobHash));
            Assert.Empty(e.Withdrawals);
            Assert.Equal(rollup.PublishedAt, e.Origin.BlockNumber);
            Assert.Equal(rollup.Transaction.TransactionHash, e.Origin.TransactionHash);

            var info = await rm.RollupAsync(rollup.Hash);
            Assert.Equal((rollup.Header.ParentHash, (ulong)i, rollup.Header.Aggregator, rollup.Header.Nonce, rollup.PublishedAt, Hash256.Zero), (info.ParentHash, info.Generation, info.Aggregator, info.Nonce, info.PublishedAt, info.WithdrawalsHash));
            Assert.Equal(i == chain.Length - 1, info.IsHead);
            if (i > 0)
            {
                // The proof of inclusion names the block the parent was published in, by number and hash.
                Assert.Equal(chain[i - 1].PublishedAt, rollup.Header.InclusionBlockNumber);
                Assert.Equal((await s.BlockAsync(chain[i - 1].PublishedAt)).Hash, rollup.Header.InclusionBlockHash);
            }
        }

        Assert.Equal([third.Hash], await rm.LiveHeadsAsync());
        Assert.True(await rm.IsLiveHeadAsync(third.Hash));
        Assert.False(await rm.IsLiveHeadAsync(second.Hash));
        Assert.Equal(new HeadInfo(third.Hash, third.PublishedAt, true, false), Assert.Single(await rm.TrackedHeadsAsync()));
        Assert.Equal(new ForkState(1, 0, false), await rm.ForkStateAsync());
        Assert.Equal(4UL, await rm.RollupCountAsync());
        Assert.True(await rm.IsAncestorOrSelfAsync(genesis.Hash, third.Hash));
        Assert.True(await rm.IsAncestorOrSelfAsync(third.Hash, third.Hash));
        Assert.False(await rm.IsAncestorOrSelfAsync(third.Hash, genesis.Hash));
    }

    [Fact]
    public async Task A_node_rebuilds_the_tree_and_the_blobs_from_L1_alone()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var rm = s.Reader.RollupManagement;
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        var left = await s.Rollups.ChildAsync(genesis.Hash, fixture.EnclaveA, "left");
        var right = await s.Rollups.ChildAsync(genesis.Hash, fixture.EnclaveB, "right");
        var leftChild = await s.Rollups.ChildAsync(left.Hash, fixture.EnclaveA, "left child");
        var published = new[] { genesis, left, right, leftChild }.ToDictionary(r => r.Hash);

        var events = (await rm.GetEventsAsync(BlockTag.At(s.Addresses.DeploymentBlock.Number), BlockTag.Latest)).OfType<RollupPublishedEvent>().ToArray();
        Assert.Equal(published.Keys, events.Select(e => e.RollupHash));
        foreach (var e in events)
        {
            // The event links the tree; the transaction's calldata gives the full header, the blob and the signature.
            var transaction = await s.Rpc.GetTransactionByHashAsync(e.Origin.TransactionHash!.Value);
            var call = RollupManagementContract.DecodePublishRollupCall(transaction!.Input.Span);
            var original = published[e.RollupHash];
            Assert.Equal(e.RollupHash, call.Header.Hash);
            Assert.Equal(original.Blob, call.EncryptedBlob.ToArray());
            Assert.Equal(original.Header.EncryptedLayout.ToArray(), call.Header.EncryptedLayout.ToArray());
            Assert.Equal(original.Header.Rewards, call.Header.Rewards);
            Assert.Equal(e.Aggregator, RollupSignature.RecoverSigner(call.Header, s.Rollups.Network, call.Signature.Span));
            Assert.Equal(e.ParentHash, call.Header.ParentHash);
        }

        Assert.Equal([leftChild.Hash, right.Hash], (await rm.LiveHeadsAsync()).OrderBy(h => h == right.Hash));
        Assert.Equal(2UL, (await rm.ForkStateAsync()).LiveHeadCount);
        Assert.Contains(await rm.GetEventsAsync(BlockTag.At(right.PublishedAt), BlockTag.At(right.PublishedAt)), e => e is ForkStartedEvent { LiveHeads: 2 } f && f.AtBlock == right.PublishedAt);
    }

    [Fact]
    public async Task Stale_heads_can_be_extended_through_a_recorded_block_hash()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var rm = s.As(fixture.Relayer).RollupManagement;
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        var recorded = await rm.RecordBlockHashAsync(genesis.PublishedAt);
        Assert.Equal((await s.BlockAsync(genesis.PublishedAt)).Hash, rm.DecodeBlockHashRecorded(Assert.Single(recorded.Receipt.Logs)).BlockHash);
        await s.Rpc.MineAsync(300); // the genesis block leaves the 256-block window of blockhash

        var child = await s.Rollups.ChildAsync(genesis.Hash, fixture.EnclaveB, "after the stall");
        Assert.Equal(genesis.PublishedAt, child.Header.InclusionBlockNumber);
        Assert.Equal([child.Hash], await rm.LiveHeadsAsync());

        // A second child of the genesis would fork from deep history, which a recorded hash never allows.
        var sibling = await s.Rollups.ChildDraftAsync(genesis.Hash, fixture.EnclaveA, "deep fork");
        await s.AssertRejectedAsync(
            fixture.Attacker,
            c => c.RollupManagement.PublishRollupAsync(sibling.ToHeader(), sibling.Blob, s.Rollups.Sign(sibling.ToHeader(), fixture.EnclaveA)),
            RollupManagementErrors.InclusionBlockHashMismatch,
            [genesis.PublishedAt, Hash256.Zero, sibling.InclusionBlockHash],
            new ChainStateProbe(s).WithRollups(sibling.ToHeader().Hash, child.Hash));
    }
}
