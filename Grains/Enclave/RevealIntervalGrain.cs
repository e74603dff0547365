using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Grains.Conversions;
using Obscuro.Grains.L1;
using Obscuro.Grains.Node;
using Obscuro.Grains.Placement;
using Obscuro.Grains.Tee;
using Obscuro.Grains.Vault;
using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Reveal;
using Obscuro.Protocol.Rollups;
using Orleans.Placement;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// Releases one reveal interval (spec "Symmetric key revealing"), keyed <c>{nodeId}/{option}/{interval}</c>. The
/// interval has ended when the node's latest L1-included canonical rollup (the head its enclave grain published to the
/// vault, which follows only rollups in verified L1 blocks) is of the next interval; until then every request is refused
/// with the generation that will end it. Counting rollups, never time, makes every node agree on the moment.
/// <para>
/// The release names every canonical rollup of the interval with the position of the option's group in its blob. The
/// rollups are found by walking parent hashes down from the head: the ledger's window of recent canonical rollups holds
/// their layouts; older ones are fetched from the L1 block the host says published them and accepted only if their
/// header hashes to the hash the walk expects, so a host can withhold rollups but not substitute them. Their layouts
/// are opened with the layout key, which never leaves the enclave.
/// </para>
/// <para>
/// Made once and kept sealed: later requests (and a restarted node) get the same release while its last rollup is still
/// canonical. After an L1 reorg that replaced it, the release is made again from the new chain.
/// </para>
/// </summary>
[TeeOnly]
[Immovable]
public sealed partial class RevealIntervalGrain(
    ITeeEnvironment tee,
    EnclaveVault vaults,
    ILogger<RevealIntervalGrain> logger,
    [PersistentState("reveal")] IPersistentState<RevealIntervalGrainState> state)
    : TeeGrain(tee), IRevealIntervalGrain
{
    private string _nodeId = string.Empty;
    private RevealOption _option;
    private ulong _interval;
    private RevealRelease? _release;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        (_nodeId, _option, _interval) = RevealIntervalKey.Parse(this.GetPrimaryKeyString());
    }

    async Task<RevealReply> IRevealIntervalGrain.ReleaseAsync()
    {
        var vault = vaults.Find(_nodeId);
        if (vault?.Secrets is null || vault.Head.Ledger?.Head is null)
        {
            // After a restart the vault is empty until the enclave grain runs again: its status starts it from sealed state.
            await GrainFactory.GetGrain<IEnclaveGrain>(_nodeId).GetStatusAsync();
            vault = vaults.Find(_nodeId);
        }

        if (vault?.Network is not { } network || vault.Secrets is not { } secrets)
        {
            return Refuse(0, null, $"node {_nodeId}'s enclave does not hold the master seed yet, so it has no reveal keys");
        }

        var schedule = network.Schedule;
        ulong releasedFrom;
        try
        {
            releasedFrom = schedule.FirstGenerationAfter(_option, _interval);
        }
        catch (OverflowException)
        {
            return Refuse(ulong.MaxValue, null, $"interval {_interval} of {_option} never ends: its generations exceed the counter");
        }

        var ledger = vault.Head.Ledger;
        var head = ledger?.Head;
        if (ledger is null || head is null || head.Header.Generation < releasedFrom)
        {
            var at = head is null ? "no rollup is on L1 yet" : $"the latest L1-included rollup is generation {head.Header.Generation}";
            return Refuse(releasedFrom, head?.Header.Generation, $"interval {_interval} of {_option} has not ended on L1: it ends when a rollup of generation {releasedFrom} is in an L1 block, and {at}");
        }

        var release = Load();
        var last = releasedFrom - 1;
        if (release is null || release.Entries.Count == 0 || !vault.Head.MayBeCanonical(last, release.Entries[^1].RollupHash))
        {
            release = await MakeAsync(network, secrets, ledger, head, schedule);
            _release = release;
            var encoded = release.Encode();
            state.State.SealedRelease = Tee.Seal(encoded, Purpose);
            await state.WriteStateAsync();
            LogReleased(logger, _nodeId, _option, _interval, release.Entries.Count, head.Header.Generation);
        }

        return new RevealReply(release.Encode(), string.Empty, releasedFrom, head.Header.Generation);
    }

    private string Purpose => RevealIntervalGrainState.Purpose + ":" + this.GetPrimaryKeyString();

    private static RevealReply Refuse(ulong releasedFrom, ulong? headGeneration, string reason) => new(null, reason + ".", releasedFrom, headGeneration);

    /// <summary>The sealed release, if any; one this TEE cannot open, or made for another interval, counts as none and is made again.</summary>
    private RevealRelease? Load()
    {
        if (_release is not null || state.State.SealedRelease is not { } sealedRelease)
        {
            return _release;
        }

        try
        {
            var release = RevealRelease.Decode(Tee.Unseal(sealedRelease, Purpose));
            _release = release.Option == _option && release.Interval == _interval && release.Enclave == Tee.EnclaveKey.Address && release.IsSignedByEnclave() ? release : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            _release = null;
        }

        return _release;
    }

    private async Task<RevealRelease> MakeAsync(NodeNetwork network, NodeSecrets secrets, LedgerSnapshot ledger, CanonicalRollup head, RevealSchedule schedule)
    {
        var (first, last) = schedule.GenerationsOf(_option, _interval);
        var entries = new List<RevealEntry>();
        using var layoutKey = secrets.Keys.LayoutKey();
        var expected = head.Header.Hash;
        for (var generation = head.Header.Generation; ; generation--)
        {
            RevealEntry? entry = null;
            Hash256 parent;
            if (ledger.CanonicalAt(generation) is { } known && known.Header.Hash == expected)
            {
                parent = known.Header.ParentHash;
                if (generation <= last) entry = RevealEntries.From(known.Header, known.Rollup.Layout, _option, _interval);
            }
            else
            {
                var rollup = await FetchAsync(network, expected, generation);
                parent = rollup.Header.ParentHash;
                if (generation <= last) entry = RevealEntries.Open(rollup, layoutKey, _option, _interval);
            }

            if (entry is { } e) entries.Add(e);
            if (generation == first) break;
            expected = parent;
        }

        entries.Reverse();
        using var key = secrets.Keys.EncryptionKey(_option, _interval);
        return RevealRelease.Create(key, entries, Tee.EnclaveKey);
    }

    /// <summary>
    /// A canonical rollup older than the ledger's window, from the L1 block the host recorded for it, re-read and checked
    /// here: the block must hash to what its notice says and the rollup to the hash the walk expects.
    /// </summary>
    private async Task<SignedRollup> FetchAsync(NodeNetwork network, Hash256 hash, ulong generation)
    {
        var record = await GrainFactory.GetGrain<IRollupGrain>($"{_nodeId}/{hash}").GetAsync();
        if (record?.IncludedIn is not { } block)
        {
            throw new InvalidOperationException($"Node {_nodeId}'s host has no L1 block for canonical rollup {hash} (generation {generation}); the release of interval {_interval} of {_option} needs it.");
        }

        var material = await GrainFactory.GetGrain<IL1BlockSourceGrain>(_nodeId).GetBlockAsync(block);
        var content = L1BlockVerifier.VerifyChild(material.ToUnverified(), block.ParentHash, block.Number - 1);
        var settings = network.Settings;
        var extracted = new ManagementEventExtractor(settings.NetworkManagement, settings.RollupManagement, settings.Bridge).Extract(content);
        return extracted.Block.Events.OfType<RollupPublishedEvent>().Select(e => e.Rollup).FirstOrDefault(r => r.Header.Hash == hash && r.Header.Generation == generation)
            ?? throw new InvalidOperationException($"L1 block {block.Number} {block.Hash}, which node {_nodeId}'s host names for rollup {hash}, does not publish it.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId}: released reveal interval {Interval} of {Option} ({Rollups} rollups) at L1-included generation {Generation}")]
    private static partial void LogReleased(ILogger logger, string nodeId, RevealOption option, ulong interval, int rollups, ulong generation);
}
