using System.Security.Cryptography;
using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Grains.Conversions;
using Obscuro.Grains.L1;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Registration;

namespace Obscuro.Grains.Enclave;

public sealed partial class EnclaveGrain
{
    async Task<IngestOutcome> IEnclaveGrain.IngestAsync(L1BlockNotice block)
    {
        ArgumentNullException.ThrowIfNull(block);
        await EnsureStartedAsync(null);

        // Updates a failed push left behind go first (they are still in the sealed record): accounts see them in order.
        await PushPendingUpdatesAsync();
        var chain = _chain!;
        var collector = new IngestCollector(trackAccounts: true);
        if (chain.Path.Count > 0 && block.Hash == chain.Tip.Hash)
        {
            // Delivered again (the stream has no exactly-once): nothing changes, and what is still missing on L1 is asked for again.
            await PrepareProvisioningAsync();
            return Outcome(block, collector, Plan());
        }

        var known = chain.Find(block.Hash);
        if (known is not null && (_ledger is null || _ledger.FindSnapshot(block.Hash) is not null))
        {
            if (known.Ref.ParentHash != block.ParentHash || known.Ref.Number != block.Number)
            {
                throw new InvalidOperationException($"The notice of L1 block {block.Hash} names parent {block.ParentHash} and number {block.Number}, but the verified block has {known.Ref.ParentHash} and {known.Ref.Number}.");
            }

            // A fork this enclave has already verified becomes canonical again: switch to its snapshot.
            chain.MoveTo(block.Hash);
            if (_ledger is not null)
            {
                var before = _ledger.Head;
                _ledger.Apply(new L1Block(known.Ref, []));
                AddHeadMove(before, collector, chain);
            }
        }
        else
        {
            if (!chain.TryGetParent(block.ParentHash, out var parent, out _))
            {
                throw new InvalidOperationException(
                    $"L1 block {block.Number} {block.Hash}: its parent {block.ParentHash} has not been ingested by the enclave of node {_nodeId} " +
                    $"(last ingested: {chain.Tip.Number} {chain.Tip.Hash}); deliver blocks in order from the last ingested block or a common ancestor.");
            }

            if (parent.Number + 1 != block.Number)
            {
                throw new InvalidOperationException($"L1 block {block.Hash} claims number {block.Number}, but its parent {parent.Hash} is number {parent.Number}.");
            }

            var extracted = await FetchVerifiedAsync(block);
            await ApplyAsync(extracted, collector);
        }

        await PrepareProvisioningAsync();
        var calls = Plan();
        _pendingUpdates = ToPending(collector.Updates);
        await PersistAsync();

        // The head first, then the accounts: an account lagging the head still answers with its own (canonical) anchor,
        // and one left on an abandoned branch is recognised against the new head by the query workers.
        PublishHead();
        await PushPendingUpdatesAsync();
        chain.Prune(_options.RetainedBlocks);
        if (collector.HeadChanged)
        {
            LogHead(logger, _nodeId, block.Number, _ledger?.Head.Head?.Header.Generation ?? 0, _ledger?.Head.Head?.Header.Hash ?? Hash256.Zero);
        }

        return Outcome(block, collector, calls);
    }

    /// <summary>Adds a verified block to the chain and, when the enclave holds the seed, to the ledger; it may be the block that provisions the enclave.</summary>
    private async Task ApplyAsync(ExtractedL1Block extracted, IngestCollector collector)
    {
        var chain = _chain!;
        chain.TryGetParent(extracted.Block.Ref.ParentHash, out _, out var parentRegistry);
        var registry = parentRegistry.Apply(extracted.Registry, extracted.Block.Ref.Number);
        RequireGovernedRevealParameters(registry, extracted.Block.Ref);
        var deposits = extracted.Block.Events.OfType<DepositEvent>().Select(d => d.Deposit).ToList();
        chain.Add(new ChainBlock(extracted.Block.Ref, deposits, registry));
        if (_ledger is not null)
        {
            ApplyToLedger(extracted, collector, chain);
            return;
        }

        if (TryProvision(extracted.Registry, registry))
        {
            // The ledger needs the seed from the first block on: rebuild it from the anchor over the verified path. The
            // outcome says the head changed even if no rollup exists yet: there is now a head to build on (the host's
            // cue to ask an aggregator for its first candidate).
            collector.TrackAccounts = true;
            collector.HeadChanged = true;
            await RebuildLedgerAsync(collector);
            return;
        }

        collector.AddUnverified(extracted);
    }

    /// <summary>
    /// Once the network is initialised, the reveal interval lengths governance fixed on NetworkManagement are final; a
    /// node whose settings (from its deployment file) disagree would encrypt and read groups under other interval keys,
    /// so it stops here, before the block is ingested, rather than follow a network it would fork from. Before
    /// initialisation governance may still correct them. The default option needs no such check: the ledger takes it
    /// from the same verified event (<see cref="DefaultRevealOptionSetEvent"/>) as of each rollup's dependency block,
    /// so the node's configured one only applies while L1 has set none.
    /// </summary>
    private void RequireGovernedRevealParameters(RegistryView registry, L1BlockRef block)
    {
        if (registry.Network is null || registry.Reveal is not { } governed)
        {
            return;
        }

        var network = _network!;
        if (!governed.Lengths.SequenceEqual(network.Settings.RevealLengths))
        {
            throw new InvalidOperationException(
                $"L1 block {block.Number} {block.Hash}: governance fixed reveal lengths ({string.Join(", ", governed.Lengths)}) " +
                $"on NetworkManagement, but node {_nodeId} runs with ({string.Join(", ", network.Settings.RevealLengths)}); " +
                "its deployment file does not describe this network.");
        }
    }

    private void ApplyToLedger(ExtractedL1Block extracted, IngestCollector collector, IDepositIndex deposits)
    {
        var ledger = _ledger!;
        var before = ledger.Head;
        collector.AddOutcomes(ledger.Apply(extracted.Block));
        collector.AddUnreadable(extracted.Unreadable);
        AddHeadMove(before, collector, deposits);
    }

    private void AddHeadMove(LedgerSnapshot before, IngestCollector collector, IDepositIndex deposits)
    {
        var after = _ledger!.Head;
        if (before.Head?.Header.Hash == after.Head?.Header.Hash)
        {
            return;
        }

        collector.HeadChanged = true;
        collector.Add(AccountUpdatePlanner.Plan(before, after, deposits));
    }

    /// <summary>Builds a fresh ledger and feeds it every block of the verified path, fetching and verifying each again.</summary>
    private async Task RebuildLedgerAsync(IngestCollector collector)
    {
        CreateLedger(_vault!.Secrets!);
        var chain = _chain!;
        var path = chain.Path.ToList();
        var deposits = new DepositIndex(chain.Anchor);
        for (var i = 0; i < path.Count; i++)
        {
            var extracted = await FetchVerifiedAsync(EnclaveChain.NoticeAt(chain.Anchor, path, i));
            deposits.Add(extracted.Block);
            ApplyToLedger(extracted, collector, deposits);
        }

        LogRebuilt(logger, _nodeId, path.Count);
    }

    /// <summary>
    /// Replays the recorded path after a restart: each block is fetched from the host and verified against its parent
    /// again. A block the host can no longer provide (an L1 reorg removed it while the enclave was down) ends the replay
    /// there: the host then delivers the new fork from the last block replayed.
    /// </summary>
    private async Task<IngestCollector> ReplayAsync(List<Hash256> path)
    {
        var collector = new IngestCollector(trackAccounts: false);
        var anchor = _chain!.Anchor;
        for (var i = 0; i < path.Count; i++)
        {
            var notice = EnclaveChain.NoticeAt(anchor, path, i);
            ExtractedL1Block extracted;
            try
            {
                extracted = await FetchVerifiedAsync(notice);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogReplayCut(logger, _nodeId, notice.Number, notice.Hash, path.Count - i, e.Message);
                break;
            }

            await ApplyAsync(extracted, collector);
        }

        _chain.Prune(_options.RetainedBlocks);
        return collector;
    }

    /// <summary>Fetches the block from the node's (untrusted) block source and verifies it as the child of the block its notice names.</summary>
    private async Task<ExtractedL1Block> FetchVerifiedAsync(L1BlockNotice notice)
    {
        if (notice.Number == 0)
        {
            throw new InvalidOperationException("The L1 genesis block has no parent to verify it against; the anchor must be an earlier block than any ingested one.");
        }

        var material = await GrainFactory.GetGrain<IL1BlockSourceGrain>(_nodeId).GetBlockAsync(notice);
        var content = L1BlockVerifier.VerifyChild(material.ToUnverified(), notice.ParentHash, notice.Number - 1);
        if (content.Hash != notice.Hash)
        {
            throw new L1BlockVerificationException(L1BlockRejectionReason.HeaderHashMismatch, content.Number, notice.Hash, $"the block source returned block {content.Hash} for a notice of {notice.Hash}.");
        }

        return _extractor!.Extract(content);
    }

    /// <summary>
    /// Takes the master seed from the verified block that provisioned this enclave on L1: the <c>initializeNetwork</c> of
    /// its own genesis (seed encrypted to itself) or a <c>respondSecret</c> to it. The seed is accepted only if the
    /// network key it derives is the one NetworkManagement registered, so a responder cannot hand over another seed.
    /// </summary>
    private bool TryProvision(IReadOnlyList<RegistryEvent> events, RegistryView registry)
    {
        if (_seed is not null)
        {
            return false;
        }

        var me = Tee.EnclaveKey.Address;
        byte[]? ciphertext = null;
        var concernsMe = false;
        foreach (var e in events)
        {
            switch (e)
            {
                case NetworkInitialized n when n.EnclaveAddress == me:
                    concernsMe = true;
                    ciphertext = n.EncryptedSeed ?? ciphertext;
                    break;
                case SecretResponded s when s.Requester == me:
                    concernsMe = true;
                    ciphertext = s.EncryptedSeed ?? ciphertext;
                    break;
            }
        }

        if (!concernsMe)
        {
            return false;
        }

        var settings = _network!.Settings;
        if (ciphertext is null || registry.Network is not { } network)
        {
            LogSeedUnreadable(logger, _nodeId, "the transaction that delivered it was not a direct call to NetworkManagement");
            return false;
        }

        byte[] plaintext;
        try
        {
            plaintext = Tee.EnclaveKey.Decrypt(ciphertext, SeedEnvelope.AssociatedData(settings.L1ChainId, settings.NetworkManagement, me));
        }
        catch (CiphertextRejectedException e)
        {
            LogSeedUnreadable(logger, _nodeId, "it does not decrypt with this enclave's key: " + e.Message);
            return false;
        }

        MasterSeed seed;
        try
        {
            seed = MasterSeed.FromBytes(plaintext);
        }
        catch (ArgumentException)
        {
            LogSeedUnreadable(logger, _nodeId, "it is not a 32-byte master seed");
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        using (var keys = new KeySchedule(seed))
        using (var networkKey = keys.NetworkKeyPair())
        {
            if (networkKey.Address != network.NetworkAddress || !networkKey.PublicKey.SequenceEqual(network.NetworkPublicKey))
            {
                seed.Dispose();
                LogSeedUnreadable(logger, _nodeId, $"it derives network key {networkKey.Address.ToChecksumString()}, not the registered {network.NetworkAddress.ToChecksumString()}");
                return false;
            }
        }

        _seed = seed;
        _vault!.Provision(seed);
        SealSeed(seed);
        LogProvisioned(logger, _nodeId, me, network.NetworkAddress);
        return true;
    }

    private List<L1Call> Plan() => _planner!.Plan(_network!, _chain!.Registry, _chain.Tip.Number, _seed, _vault!.Secrets, _attestationToken);

    private IngestOutcome Outcome(L1BlockNotice block, IngestCollector collector, IReadOnlyList<L1Call> calls)
    {
        var head = _ledger?.Head.Head;
        var sealer = _vault!.Secrets?.StateSealer;
        return new IngestOutcome(block, head?.Header.Hash ?? Hash256.Zero, head?.Header.Generation ?? 0, collector.Standings, collector.Included, calls, collector.HeadChanged)
        {
            // Sealed like an admission's output: the host keeps them, only an enclave of this network opens them again.
            Abandoned = sealer is null ? [] : [.. collector.Abandoned.Select(transaction => AdmittedTransactions.Seal(sealer, transaction))],
        };
    }
}
