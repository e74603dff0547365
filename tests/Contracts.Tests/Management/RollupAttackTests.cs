using System.Text.Json.Nodes;
using Obscuro.Contracts.Artifacts;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Contracts.Tests.Anvil;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// Rollups that must not be accepted: wrong signers, signers without the right to publish, forged parents, proofs of
/// inclusion from another fork (a real reorg by <c>anvil_reorg</c>), replays and malformed headers. Each is rejected
/// with its custom error and changes nothing (<see cref="ManagementScenario.AssertRejectedAsync"/>).
/// </summary>
[Collection(SharedManagementChain.Name)]
public sealed class RollupAttackTests(ManagementFixture fixture)
{
    [Fact]
    public async Task A_rollup_signed_by_an_unregistered_key_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        using var stranger = TestEnclave.Create("stranger", isAggregator: true);
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        var draft = await s.Rollups.ChildDraftAsync(genesis.Hash, stranger, "stranger's");
        await AssertPublishRejectedAsync(s, draft, stranger, RollupManagementErrors.AggregatorNotActive, [stranger.Address], genesis.Hash);
    }

    [Fact]
    public async Task A_rollup_naming_another_aggregator_than_its_signer_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        using var stranger = TestEnclave.Create("stranger", isAggregator: true);
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        var draft = await s.Rollups.ChildDraftAsync(genesis.Hash, fixture.EnclaveA, "impersonated");
        await AssertPublishRejectedAsync(s, draft, stranger, RollupManagementErrors.SignerNotAggregator, [stranger.Address, fixture.EnclaveA.Address], genesis.Hash);
    }

    [Fact]
    public async Task A_rollup_signed_by_a_registered_verifier_without_stake_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var verifier = fixture.EnclaveC; // registered and provisioned, but no stake
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        var draft = await s.Rollups.ChildDraftAsync(genesis.Hash, verifier, "verifier's");
        await AssertPublishRejectedAsync(s, draft, verifier, RollupManagementErrors.AggregatorNotActive, [verifier.Address], genesis.Hash);
    }

    [Fact]
    public async Task A_rollup_signed_by_a_registered_aggregator_whose_stake_was_slashed_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        await s.As(fixture.Governance).NetworkManagement.SlashAsync(fixture.EnclaveB.Address, ManagementFixture.Parameters.MinimumStake, fixture.Governance.Address);
        Assert.False(await s.Reader.NetworkManagement.IsActiveAggregatorAsync(fixture.EnclaveB.Address));
        var draft = await s.Rollups.ChildDraftAsync(genesis.Hash, fixture.EnclaveB, "slashed");
        await AssertPublishRejectedAsync(s, draft, fixture.EnclaveB, RollupManagementErrors.AggregatorNotActive, [fixture.EnclaveB.Address], genesis.Hash);
    }

    [Fact]
    public async Task A_rollup_of_an_unbonding_aggregator_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        await s.As(fixture.Operator2).NetworkManagement.RequestUnbondAsync(fixture.EnclaveB.Address);
        var draft = await s.Rollups.ChildDraftAsync(genesis.Hash, fixture.EnclaveB, "leaving");
        await AssertPublishRejectedAsync(s, draft, fixture.EnclaveB, RollupManagementErrors.AggregatorNotActive, [fixture.EnclaveB.Address], genesis.Hash);
    }

    [Fact]
    public async Task A_rollup_published_through_a_contract_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        var forwarder = ContractArtifacts.Embedded.Get("ForwardingCaller");
        var deployed = await s.SenderOf(fixture.Attacker).SendAsync(new L1TransactionRequest(null, forwarder.EncodeDeployment(), UInt256.Zero));
        var relay = deployed.Receipt.ContractAddress!.Value;

        // A valid rollup, correctly signed: only the way it arrives is wrong. A contract in between could have built
        // the blob from anything, so the transaction's input would not give nodes the rollup's data.
        var draft = await s.Rollups.ChildDraftAsync(genesis.Hash, fixture.EnclaveA, "relayed");
        var header = draft.ToHeader();
        var publish = RollupManagementContract.EncodePublishRollupCall(header, draft.Blob, s.Rollups.Sign(header, fixture.EnclaveA));
        var forward = forwarder.Abi.GetFunction("forward").EncodeCall(s.Addresses.RollupManagement, publish);
        await s.AssertRejectedAsync(
            fixture.Attacker,
            c => c.RollupManagement.Sender!.SendAsync(new L1TransactionRequest(relay, forward, UInt256.Zero, RollupManagementContract.Abi)),
            RollupManagementErrors.PublicationNotDirect,
            [relay],
            new ChainStateProbe(s).WithRollups(genesis.Hash, header.Hash));

        // The same call sent directly is accepted.
        var direct = await s.Rollups.PublishAsync(draft, fixture.EnclaveA);
        Assert.Equal(header.Hash, direct.Hash);
    }

    [Fact]
    public async Task A_rollup_with_a_forged_parent_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        var forged = Keccak256.Hash("a parent that was never published"u8);
        var draft = await s.Rollups.ChildDraftAsync(genesis.Hash, fixture.EnclaveA, "orphan") with { ParentHash = forged };
        await AssertPublishRejectedAsync(s, draft, fixture.EnclaveA, RollupManagementErrors.UnknownParent, [forged], genesis.Hash);
    }

    [Fact]
    public async Task A_replayed_rollup_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        var child = await s.Rollups.ChildAsync(genesis.Hash, fixture.EnclaveA, "child");
        await s.AssertRejectedAsync(
            fixture.Attacker,
            c => c.RollupManagement.PublishRollupAsync(child.Header, child.Blob, child.Signature),
            RollupManagementErrors.RollupAlreadyPublished,
            [child.Hash],
            new ChainStateProbe(s).WithRollups(genesis.Hash, child.Hash));

        // The genesis rollup replayed is caught as the duplicate it is, before the genesis rules.
        await s.AssertRejectedAsync(
            fixture.Attacker,
            c => c.RollupManagement.PublishRollupAsync(genesis.Header, genesis.Blob, genesis.Signature),
            RollupManagementErrors.RollupAlreadyPublished,
            [genesis.Hash],
            new ChainStateProbe(s).WithRollups(genesis.Hash, child.Hash));
    }

    [Fact]
    public async Task A_proof_of_inclusion_from_another_fork_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        await s.Rpc.MineAsync();

        // The aggregator built the child on the L1 it saw: the parent in block P with hash h.
        var draft = await s.Rollups.ChildDraftAsync(genesis.Hash, fixture.EnclaveA, "child of the old fork");
        var oldHash = draft.InclusionBlockHash;

        // L1 reorganises blocks P and P+1: the genesis transaction is included again, in a different block P.
        await ReorgAsync(s, depth: 2, (await RawTransactionAsync(s, genesis), 0));
        var newBlock = await s.BlockAsync(genesis.PublishedAt);
        Assert.NotEqual(oldHash, newBlock.Hash);
        Assert.Equal(genesis.PublishedAt, (await s.Reader.RollupManagement.RollupAsync(genesis.Hash)).PublishedAt);

        await AssertPublishRejectedAsync(s, draft, fixture.EnclaveA, RollupManagementErrors.InclusionBlockHashMismatch, [genesis.PublishedAt, newBlock.Hash, oldHash], genesis.Hash);
    }

    [Fact]
    public async Task A_dependency_on_a_block_from_another_fork_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        await s.Rpc.MineAsync();
        var draft = await s.Rollups.ChildDraftAsync(genesis.Hash, fixture.EnclaveA, "child depending on the old fork");
        Assert.Equal(genesis.PublishedAt + 1, draft.DependencyBlockNumber);

        // Only the dependency block is replaced; one more block keeps it below block.number even for the replay.
        await ReorgAsync(s, depth: 1);
        await s.Rpc.MineAsync();
        var replaced = await s.BlockAsync(draft.DependencyBlockNumber);
        Assert.NotEqual(draft.DependencyBlockHash, replaced.Hash);

        await AssertPublishRejectedAsync(s, draft, fixture.EnclaveA, RollupManagementErrors.DependencyBlockHashMismatch, [draft.DependencyBlockNumber, replaced.Hash, draft.DependencyBlockHash], genesis.Hash);
    }

    [Fact]
    public async Task Rollups_breaking_the_tree_rules_are_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var a = fixture.EnclaveA;
        var genesis = await s.Rollups.GenesisAsync(a, "genesis");
        var child = await s.Rollups.ChildDraftAsync(genesis.Hash, a, "child");

        await AssertPublishRejectedAsync(s, child with { Generation = 2 }, a, RollupManagementErrors.InvalidGeneration, [1, 2], genesis.Hash);
        await AssertPublishRejectedAsync(s, child with { InclusionBlockNumber = genesis.PublishedAt - 1 }, a, RollupManagementErrors.InclusionBlockNumberMismatch, [genesis.PublishedAt, genesis.PublishedAt - 1], genesis.Hash);

        var secondGenesis = await s.Rollups.GenesisDraftAsync(fixture.EnclaveB, "another genesis");
        await AssertPublishRejectedAsync(s, secondGenesis, fixture.EnclaveB, RollupManagementErrors.GenesisAlreadyPublished, [genesis.Hash], genesis.Hash);
    }

    [Fact]
    public async Task Malformed_genesis_blob_dependency_and_signature_are_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var a = fixture.EnclaveA;
        var genesis = await s.Rollups.GenesisDraftAsync(a, "genesis");
        await AssertPublishRejectedAsync(s, genesis with { InclusionBlockNumber = 1 }, a, RollupManagementErrors.InvalidGenesisInclusion, []);
        await AssertPublishRejectedAsync(s, genesis with { Generation = 1 }, a, RollupManagementErrors.InvalidGeneration, [0, 1]);

        var latest = await s.BlockNumberAsync();
        await AssertPublishRejectedAsync(s, genesis with { DependencyBlockNumber = latest + 1 }, a, RollupManagementErrors.InvalidDependencyBlock, [latest + 1], compareInBlockArguments: false);

        // The blob published is not the one the signed header commits to.
        var header = genesis.ToHeader();
        var otherBlob = RollupFactory.Blob("another blob", 200);
        await s.AssertRejectedAsync(
            fixture.Attacker,
            c => c.RollupManagement.PublishRollupAsync(header, otherBlob, s.Rollups.Sign(header, a)),
            RollupManagementErrors.BlobHashMismatch,
            [header.BlobHash, Keccak256.Hash(otherBlob)]);

        // The malleable twin of a valid signature (s → n − s, v flipped) is refused.
        var signature = s.Rollups.Sign(header, a);
        var twin = Malleable(signature);
        await s.AssertRejectedAsync(
            fixture.Attacker,
            c => c.RollupManagement.PublishRollupAsync(header, genesis.Blob, twin),
            RollupManagementErrors.InvalidSignatureS,
            [twin.AsSpan(32, 32).ToArray()]);
    }

    private static Task AssertPublishRejectedAsync(
        ManagementScenario s,
        RollupDraft draft,
        TestEnclave signer,
        Obscuro.Contracts.Abi.AbiError error,
        object?[] expectedArguments,
        Hash256? existing = null,
        bool compareInBlockArguments = true)
    {
        var header = draft.ToHeader();
        var signature = s.Rollups.Sign(header, signer);
        var probe = new ChainStateProbe(s).WithRollups(header.Hash);
        if (existing is { } hash)
        {
            probe.WithRollups(hash);
        }

        return s.AssertRejectedAsync(
            s.Fixture.Attacker,
            c => c.RollupManagement.PublishRollupAsync(header, draft.Blob, signature),
            error,
            expectedArguments,
            probe,
            compareInBlockArguments);
    }

    private static byte[] Malleable(byte[] signature)
    {
        var n = UInt256.Parse("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
        var sValue = UInt256.FromBigEndian(signature.AsSpan(32, 32));
        var twin = (byte[])signature.Clone();
        (n - sValue).WriteBigEndian(twin.AsSpan(32, 32));
        twin[64] = (byte)(twin[64] == 27 ? 28 : 27);
        return twin;
    }

    private static async Task<string> RawTransactionAsync(ManagementScenario s, PublishedRollup rollup)
    {
        var raw = await s.Rpc.RequestAsync("eth_getRawTransactionByHash", [rollup.Transaction.TransactionHash.ToString()]);
        return raw.GetString()!;
    }

    /// <summary>
    /// <c>anvil_reorg</c>: replaces the last <paramref name="depth"/> blocks. Each new block gets a transfer from
    /// anvil's own dev account, so it differs from the block it replaces, plus the given raw transactions at their
    /// offsets (0 = the first new block).
    /// </summary>
    private static async Task ReorgAsync(ManagementScenario s, ulong depth, params (string Raw, ulong Offset)[] transactions)
    {
        var pairs = new JsonArray();
        for (ulong offset = 0; offset < depth; offset++)
        {
            var filler = new JsonObject
            {
                ["from"] = AnvilFixture.DevAccount.ToString(),
                ["to"] = "0x000000000000000000000000000000000000dEaD",
                ["value"] = "0x" + (offset + 1).ToString("x", System.Globalization.CultureInfo.InvariantCulture),
            };
            pairs.Add(new JsonArray(filler, JsonValue.Create(offset)));
        }

        foreach (var (raw, offset) in transactions)
        {
            pairs.Add(new JsonArray(JsonValue.Create(raw), JsonValue.Create(offset)));
        }

        var before = await s.BlockNumberAsync();
        await s.Rpc.RequestAsync("anvil_reorg", [JsonValue.Create(depth), pairs]);
        Assert.Equal(before, await s.BlockNumberAsync());
    }
}
