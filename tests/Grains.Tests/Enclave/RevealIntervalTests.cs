using Obscuro.Grains.Conversions;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Reveal;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Grains.Tests.Enclave;

/// <summary>
/// The reveal interval grain on a real enclave following anvil. The test networks' schedule is (1, 3, 6, 12, 24): XS is
/// one rollup, S interval 0 is generations 0–2, interval 1 is 3–5. ETH transfers use the default option, S.
/// </summary>
[Collection(EnclaveNetworkDefinition.Name)]
public sealed class RevealIntervalTests(EnclaveNetworkFixture fixture)
{
    private static readonly UInt256 Ether = EnclaveNetworkFixture.Ether;
    private static readonly RevealSchedule Schedule = new(1, 3, 6, 12, 24);

    private readonly Dictionary<Hash256, SignedRollup> _recorded = [];

    [Fact]
    public async Task An_interval_is_released_exactly_when_a_rollup_of_the_next_one_is_on_L1_and_its_key_opens_only_its_own_group()
    {
        var network = await TestNetwork.DeployAsync(fixture, "reveal");
        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("reveal-alice");
        using var bob = new L2Wallet("reveal-bob");
        var enclave = (await a.Enclave.GetStatusAsync()).EnclaveAddress;
        var published = new List<SignedRollup> { (await Rollups.DepositAndPublishAsync(network, alice.Address, Ether)).Rollup!.ToSignedRollup() };
        var transfer = alice.SignTransfer(0, bob.Address, Ether / 10);
        published.Add(await PublishAsync(a, transfer, networkKey));

        var early = await RevealAsync(a, RevealOption.S, 0);
        Assert.Null(early.Release);
        Assert.Contains("has not ended on L1", early.Refusal, StringComparison.Ordinal);
        Assert.Equal(3UL, early.ReleasedFromGeneration);
        Assert.Equal(1UL, early.IncludedHeadGeneration);

        // The interval's last rollup is on L1, the next interval's first is not: still refused, not one rollup early.
        published.Add(await PublishAsync(a, null, networkKey));
        var last = await RevealAsync(a, RevealOption.S, 0);
        Assert.Null(last.Release);
        Assert.Equal(2UL, last.IncludedHeadGeneration);

        var second = alice.SignTransfer(1, bob.Address, Ether / 20);
        published.Add(await PublishAsync(a, second, networkKey));
        var reply = await RevealAsync(a, RevealOption.S, 0);
        Assert.NotNull(reply.Release);
        Assert.Equal(string.Empty, reply.Refusal);
        var release = RevealRelease.Decode(reply.Release);
        Assert.Equal(enclave, release.Enclave);
        Assert.Equal(published.Take(3).Select(r => r.Header.Hash), release.Entries.Select(e => e.RollupHash));

        // Anyone with the rollups from L1 reads exactly the interval's transactions with it.
        var opened = RevealVerifier.Verify(release, published[..3], Schedule);
        Assert.Empty(opened[0].Transactions);
        Assert.Equal([transfer], opened[1].Transactions);
        Assert.Empty(opened[2].Transactions);

        // The key of interval 0 opens nothing of interval 1, under either label.
        using (var key = RevealKey.FromBytes(RevealOption.S, 0, release.Key))
        using (var relabelled = RevealKey.FromBytes(RevealOption.S, 1, release.Key))
        {
            Assert.Throws<RollupBodyException>(() => RollupBodyCodec.OpenGroup(published[3].Blob, key, Context(published[3])));
            Assert.Throws<RollupBodyException>(() => RollupBodyCodec.OpenGroup(published[3].Blob, relabelled, Context(published[3])));
        }

        // XS interval 1 (generation 1) has ended too; its rollup has no XS group, and its key opens no S group.
        var xs = RevealRelease.Decode((await RevealAsync(a, RevealOption.XS, 1)).Release!);
        Assert.False(Assert.Single(xs.Entries).HasGroup);
        using (var xsKey = RevealKey.FromBytes(RevealOption.XS, 1, xs.Key))
        using (var asS = RevealKey.FromBytes(RevealOption.S, 0, xs.Key))
        {
            Assert.Throws<RollupBodyException>(() => RollupBodyCodec.OpenGroup(published[1].Blob, xsKey, Context(published[1])));
            Assert.Throws<RollupBodyException>(() => RollupBodyCodec.OpenGroup(published[1].Blob, asS, Context(published[1])));
        }

        // The head's own XS interval has not ended; asking again for S 0 gives the very same release.
        Assert.Null((await RevealAsync(a, RevealOption.XS, 3)).Release);
        Assert.Equal(reply.Release, (await RevealAsync(a, RevealOption.S, 0)).Release);
    }

    [Fact]
    public async Task A_release_is_the_same_after_its_grain_and_the_enclave_are_reactivated()
    {
        var network = await TestNetwork.DeployAsync(fixture, "reveal-restart");
        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("reveal-restart-alice");
        await Rollups.DepositAndPublishAsync(network, alice.Address, Ether);
        await PublishAsync(a, alice.SignTransfer(0, alice.Address, Ether / 10), networkKey);
        var before = await RevealAsync(a, RevealOption.XS, 0);
        Assert.NotNull(before.Release);

        var cluster = a.Cluster.Cluster;
        await cluster.DeactivateAsync(a.Cluster.Grains.GetGrain<IRevealIntervalGrain>(RevealIntervalKey.Format(a.NodeId, RevealOption.XS, 0)).GetGrainId());
        await cluster.DeactivateAsync(a.Enclave.GetGrainId());
        var after = await RevealAsync(a, RevealOption.XS, 0);
        Assert.Equal(before.Release, after.Release);
    }

    [Fact]
    public async Task Reveal_parameters_governance_fixed_on_L1_are_followed_and_a_node_configured_otherwise_stops_at_initialisation()
    {
        // Governance fixed the same lengths the nodes run with: the network starts as usual.
        var agreeing = await TestNetwork.DeployAsync(fixture, "reveal-governed", TestNetwork.Parameters with { RevealLengths = [1, 3, 6, 12, 24] });
        await agreeing.ProvisionAsync(withVerifier: false);

        // Other lengths on L1: the enclave refuses the block that initialises the network, so it never takes the seed.
        var disagreeing = await TestNetwork.DeployAsync(fixture, "reveal-misconfigured", TestNetwork.Parameters with { RevealLengths = [1, 3, 6, 12, 48] });
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => disagreeing.ProvisionAsync(withVerifier: false));
        Assert.Contains("governance fixed reveal lengths (1, 3, 6, 12, 48)", refused.Message, StringComparison.Ordinal);
        Assert.False((await disagreeing.A.Enclave.GetStatusAsync()).Provisioned);
    }

    [Fact]
    public async Task A_plain_transfer_lands_in_the_default_option_governance_set_on_L1()
    {
        // The nodes run with the built-in default S; the deployment sets XS on NetworkManagement, and L1 decides.
        var network = await TestNetwork.DeployAsync(fixture, "reveal-default", TestNetwork.Parameters with { RevealLengths = [1, 3, 6, 12, 24], DefaultRevealOption = RevealOption.XS });
        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("reveal-default-alice");
        using var bob = new L2Wallet("reveal-default-bob");
        await Rollups.DepositAndPublishAsync(network, alice.Address, Ether);
        var transfer = alice.SignTransfer(0, bob.Address, Ether / 10);
        var withTransfer = await PublishAsync(a, transfer, networkKey);
        await PublishAsync(a, null, networkKey);
        await PublishAsync(a, null, networkKey);

        // XS interval 1 is generation 1 alone: its group holds the transfer, and the XS key opens it.
        var release = RevealRelease.Decode((await RevealAsync(a, RevealOption.XS, 1)).Release!);
        Assert.True(Assert.Single(release.Entries).HasGroup);
        Assert.Equal([transfer], Assert.Single(RevealVerifier.Verify(release, [withTransfer], Schedule)).Transactions);

        // S interval 0 (generations 0–2) has ended too (generation 3 is on L1), and it has no group at all.
        var s = RevealRelease.Decode((await RevealAsync(a, RevealOption.S, 0)).Release!);
        Assert.All(s.Entries, e => Assert.False(e.HasGroup));
    }

    [Fact]
    public async Task Requests_a_node_cannot_answer_are_refused_with_the_reason()
    {
        var network = await TestNetwork.DeployAsync(fixture, "reveal-refused");

        // B was never started: it has no seed, so no keys to release, whoever asks.
        var unprovisioned = await RevealAsync(network.B, RevealOption.XS, 0);
        Assert.Null(unprovisioned.Release);
        Assert.Contains("does not hold the master seed", unprovisioned.Refusal, StringComparison.Ordinal);

        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var beforeGenesis = await RevealAsync(a, RevealOption.XS, 0);
        Assert.Contains("no rollup is on L1 yet", beforeGenesis.Refusal, StringComparison.Ordinal);
        Assert.Null(beforeGenesis.IncludedHeadGeneration);

        var never = await RevealAsync(a, RevealOption.XL, ulong.MaxValue);
        Assert.Null(never.Release);
        Assert.Contains("never ends", never.Refusal, StringComparison.Ordinal);

        var unknown = await RevealAsync(a, (RevealOption)9, 0);
        Assert.Null(unknown.Release);
        Assert.Contains("is not a reveal option", unknown.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interval_older_than_the_ledger_window_is_released_from_its_rollups_read_again_from_L1()
    {
        var network = await TestNetwork.DeployAsync(fixture, "reveal-old");
        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("reveal-old-alice");
        using var bob = new L2Wallet("reveal-old-bob");
        var published = new List<SignedRollup> { (await Rollups.DepositAndPublishAsync(network, alice.Address, Ether)).Rollup!.ToSignedRollup() };
        await RecordAsync(a, published[0]);
        var transfer = alice.SignTransfer(0, bob.Address, Ether / 10);
        published.Add(await PublishAsync(a, transfer, networkKey));
        await RecordAsync(a, published[1]);

        // The ledger keeps the layouts of the last 64 canonical rollups; go well past them before anyone asks.
        for (var i = 0; i < 70; i++)
        {
            await RecordAsync(a, await PublishAsync(a, null, networkKey));
        }

        var release = RevealRelease.Decode((await RevealAsync(a, RevealOption.S, 0)).Release!);
        Assert.Equal(3, release.Entries.Count);
        Assert.Equal([transfer], RevealVerifier.Verify(release, published[..2].Append(_recorded[release.Entries[2].RollupHash]).ToList(), Schedule)[1].Transactions);
    }

    /// <summary>What the node's coordinator does for every published rollup: record where L1 included it.</summary>
    private async Task RecordAsync(NodeHost node, SignedRollup rollup)
    {
        _recorded[rollup.Header.Hash] = rollup;
        var head = await fixture.Rpc.GetBlockNumberAsync();
        for (var number = head; ; number--)
        {
            var block = await fixture.Rpc.GetBlockByNumberAsync(Contracts.Rpc.BlockTag.At(number)) ?? throw new InvalidOperationException($"no block {number}");
            var receipts = await fixture.Rpc.GetBlockReceiptsAsync(block.Hash) ?? [];
            if (receipts.Any(r => r.To == node.Settings.RollupManagement))
            {
                await node.Cluster.Grains.GetGrain<IRollupGrain>($"{node.NodeId}/{rollup.Header.Hash}").RecordAsync(
                    new RollupRecord(rollup.Header.Hash, rollup.Header.ParentHash, rollup.Header.Generation, new L1BlockNotice(block.Hash, block.ParentHash, block.Number), "canonical", []));
                return;
            }
        }
    }

    private static Task<RevealReply> RevealAsync(NodeHost node, RevealOption option, ulong interval) =>
        node.Cluster.Grains.GetGrain<INodeApiGrain>(node.NodeId).RevealAsync(option, interval);

    /// <summary>Publishes the aggregator's next rollup with one transfer (or none) and returns it as L1 has it.</summary>
    private static async Task<SignedRollup> PublishAsync(NodeHost node, byte[]? transfer, byte[] networkKey)
    {
        var pending = new List<SealedTransaction>();
        if (transfer is not null)
        {
            var verdict = await node.AdmitAsync(L2Wallet.Encrypt(transfer, networkKey));
            Assert.True(verdict.Accepted, verdict.Message);
            pending.Add(verdict.Transaction!);
        }

        var candidate = await Rollups.PublishNextAsync(node, pending);
        Assert.Equal(pending.Count, candidate.IncludedTransactions.Count);
        return candidate.Rollup!.ToSignedRollup();
    }

    private static RollupContext Context(SignedRollup rollup) => new(rollup.Header.ParentHash, rollup.Header.Generation, rollup.Header.Aggregator);
}
