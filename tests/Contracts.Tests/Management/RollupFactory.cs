using System.Text;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Reveal;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// Builds rollups the way an aggregator's enclave does: the proof of block inclusion from the parent's L1 block, the
/// dependency on the latest L1 block, a protocol <see cref="RollupHeader"/> signed with <see cref="RollupSignature.Sign"/>
/// by the aggregator's enclave key; and publishes them. Drafts let a test forge any field.
/// </summary>
public sealed class RollupFactory
{
    private readonly ManagementScenario _scenario;

    public RollupFactory(ManagementScenario scenario)
    {
        _scenario = scenario;
    }

    /// <summary>What binds a signature to this deployment (chain id and RollupManagement address).</summary>
    public NetworkContext Network => new(_scenario.ChainId, _scenario.Addresses.RollupManagement, NetworkRules.Devnet, RevealSchedule.Default);

    public async Task<RollupDraft> GenesisDraftAsync(TestEnclave aggregator, string label, IReadOnlyList<Withdrawal>? withdrawals = null)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        var dependency = await LatestAsync();
        return Draft(Hash256.Zero, 0, 0, Hash256.Zero, dependency, aggregator, label, withdrawals);
    }

    /// <summary>A child of a published rollup, with the real inclusion proof (the parent's block number and hash).</summary>
    public async Task<RollupDraft> ChildDraftAsync(Hash256 parent, TestEnclave aggregator, string label, IReadOnlyList<Withdrawal>? withdrawals = null)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        var info = await _scenario.Reader.RollupManagement.RollupAsync(parent);
        var inclusion = await _scenario.BlockAsync(info.PublishedAt);
        var dependency = await LatestAsync();
        return Draft(parent, info.Generation + 1, inclusion.Number, inclusion.Hash, dependency, aggregator, label, withdrawals);
    }

    public byte[] Sign(RollupHeader header, TestEnclave signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return RollupSignature.Sign(header, Network, signer.Key);
    }

    /// <summary>
    /// Publishes a draft from <paramref name="publisher"/> (default the relayer), signed by <paramref name="signer"/>
    /// (default the enclave whose address is the draft's aggregator).
    /// </summary>
    public async Task<PublishedRollup> PublishAsync(RollupDraft draft, TestEnclave signer, L1Account? publisher = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var header = draft.ToHeader();
        var signature = Sign(header, signer);
        var contracts = _scenario.As(publisher ?? _scenario.Fixture.Relayer);
        var result = await contracts.RollupManagement.PublishRollupAsync(header, draft.Blob, signature);
        var published = Assert.Single(result.Receipt.Logs.Select(contracts.RollupManagement.DecodeEvent).OfType<RollupPublishedEvent>());
        return new PublishedRollup(header, draft.Blob, signature, result, published);
    }

    public async Task<PublishedRollup> GenesisAsync(TestEnclave aggregator, string label, IReadOnlyList<Withdrawal>? withdrawals = null) =>
        await PublishAsync(await GenesisDraftAsync(aggregator, label, withdrawals), aggregator);

    public async Task<PublishedRollup> ChildAsync(Hash256 parent, TestEnclave aggregator, string label, IReadOnlyList<Withdrawal>? withdrawals = null) =>
        await PublishAsync(await ChildDraftAsync(parent, aggregator, label, withdrawals), aggregator);

    /// <summary>A blob of <paramref name="size"/> pseudo-random bytes (random data, as encrypted data looks).</summary>
    public static byte[] Blob(string label, int size)
    {
        var blob = new byte[size];
        var block = Keccak256.HashToArray(Encoding.UTF8.GetBytes(label));
        for (var offset = 0; offset < size; offset += block.Length)
        {
            block = Keccak256.HashToArray(block);
            block.AsSpan(0, Math.Min(block.Length, size - offset)).CopyTo(blob.AsSpan(offset));
        }

        return blob;
    }

    private static RollupDraft Draft(
        Hash256 parent,
        ulong generation,
        ulong inclusionNumber,
        Hash256 inclusionHash,
        (ulong Number, Hash256 Hash) dependency,
        TestEnclave aggregator,
        string label,
        IReadOnlyList<Withdrawal>? withdrawals)
    {
        var seed = Keccak256.HashToArray(Encoding.UTF8.GetBytes("rollup " + label));
        return new RollupDraft(
            parent,
            generation,
            inclusionNumber,
            inclusionHash,
            dependency.Number,
            dependency.Hash,
            aggregator.Address,
            UInt256.FromBigEndian(seed.AsSpan(0, 8)),
            Keccak256.Hash(seed),
            Blob("blob " + label, 200),
            Blob("layout " + label, 48),
            withdrawals ?? [],
            [new Reward(aggregator.Address, new UInt256(1_000))]);
    }

    private async Task<(ulong Number, Hash256 Hash)> LatestAsync()
    {
        var latest = await _scenario.Rpc.GetBlockByNumberAsync(BlockTag.Latest) ?? throw new InvalidOperationException("No latest block.");
        return (latest.Number, latest.Hash);
    }
}
