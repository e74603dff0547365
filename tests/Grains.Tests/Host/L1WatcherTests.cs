using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;

namespace Obscuro.Grains.Tests.Host;

[Collection(HostClusterDefinition.Name)]
public sealed class L1WatcherTests(HostClusterFixture fixture)
{
    [Fact]
    public async Task Blocks_mined_between_polls_arrive_each_in_order_without_gaps()
    {
        var nodeId = $"watch-order-{Guid.NewGuid():N}";
        await using var recorder = await NoticeRecorder.SubscribeAsync(fixture, nodeId);
        var start = await fixture.HeadAsync();

        await fixture.Internal.GetGrain<IL1WatcherGrain>(nodeId).StartAsync(start);
        await fixture.Rpc.MineAsync(7);
        var target = start.Number + 7;
        var notices = await recorder.UntilAsync(n => n.Count > 0 && n[^1].Number >= target, $"at block {target}");

        AssertChain(start, notices);
        Assert.Equal(target, (await fixture.Internal.GetGrain<IL1WatcherGrain>(nodeId).GetHeadAsync())!.Number);
    }

    [Fact]
    public async Task An_anvil_reorg_is_published_as_the_new_branch_from_the_common_ancestor()
    {
        var nodeId = $"watch-reorg-{Guid.NewGuid():N}";
        await using var recorder = await NoticeRecorder.SubscribeAsync(fixture, nodeId);
        var start = await fixture.HeadAsync();
        await fixture.Internal.GetGrain<IL1WatcherGrain>(nodeId).StartAsync(start);
        await fixture.Rpc.MineAsync(5);
        var before = await recorder.UntilAsync(n => n.Count > 0 && n[^1].Number >= start.Number + 5, "at the pre-reorg head");
        var oldHead = before[^1];
        var ancestor = before.Single(notice => notice.Number == oldHead.Number - 3);

        // Replaces the last 3 blocks with 3 others at the same heights: nothing new above the old head.
        await fixture.Rpc.ReorgAsync(3);
        var after = await recorder.UntilAsync(
            n => n.Any(notice => notice.ParentHash == ancestor.Hash && notice.Number == ancestor.Number + 1 && notice.Hash != before.Single(b => b.Number == notice.Number).Hash)
                 && n[^1].Number >= oldHead.Number && n[^1].Hash != oldHead.Hash,
            "on the new branch");

        var switchAt = after.ToList().FindIndex(before.Count, notice => notice.ParentHash == ancestor.Hash);
        Assert.True(switchAt >= before.Count, "the new branch must come after the old one");
        var newBranch = after.Skip(switchAt).ToList();
        AssertChain(ancestor, newBranch);
        var canonical = await fixture.Rpc.GetBlockByNumberAsync(BlockTag.At(oldHead.Number));
        Assert.Equal(canonical!.Hash, newBranch.Single(notice => notice.Number == oldHead.Number).Hash);
        Assert.All(newBranch.Take(3), notice => Assert.DoesNotContain(before, old => old.Hash == notice.Hash));
    }

    [Fact]
    public async Task Starting_from_an_earlier_block_publishes_everything_after_it_and_a_restart_point_is_honoured()
    {
        var nodeId = $"watch-resume-{Guid.NewGuid():N}";
        await using var recorder = await NoticeRecorder.SubscribeAsync(fixture, nodeId);
        await fixture.Rpc.MineAsync(4);
        var head = await fixture.HeadAsync();
        var resumeBlock = await fixture.Rpc.GetBlockByNumberAsync(BlockTag.At(head.Number - 4));
        var resume = new L1BlockNotice(resumeBlock!.Hash, resumeBlock.ParentHash, resumeBlock.Number);
        var watcher = fixture.Internal.GetGrain<IL1WatcherGrain>(nodeId);

        await watcher.StartAsync(resume);
        var first = await recorder.UntilAsync(n => n.Count > 0 && n[^1].Number >= head.Number, "caught up");
        AssertChain(resume, first);

        // Asked to resume from an earlier block again (a consumer that lost its place), it replays from there.
        var replayFrom = first[1];
        await watcher.StartAsync(replayFrom);
        var replay = await recorder.UntilAsync(n => n.Count > first.Count && n[^1].Number >= head.Number, "replayed");
        AssertChain(replayFrom, replay.Skip(first.Count).ToList());
    }

    /// <summary>Each notice is the child of the one before, starting with the child of <paramref name="parent"/>.</summary>
    private static void AssertChain(L1BlockNotice parent, IReadOnlyList<L1BlockNotice> notices)
    {
        Assert.NotEmpty(notices);
        var previous = parent;
        foreach (var notice in notices)
        {
            Assert.Equal(previous.Number + 1, notice.Number);
            Assert.Equal(previous.Hash, notice.ParentHash);
            previous = notice;
        }
    }
}
