using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Pobi;

namespace Obscuro.Grains.Host;

/// <summary>
/// The POBI round of one generation on this node (key <c>{nodeId}/{generation}</c>). Ranking and reward classes come
/// from Protocol (<see cref="Round"/>, <see cref="Lottery.Classify"/>), so every node that saw the same candidates and
/// the same L1 blocks reports the same winner and the same classes. Candidates on different parents (L1 forks) are kept
/// apart: ranks are per parent. The rollups on L1 are those of the node's current L1 chain: one whose block an L1 reorg
/// removed is forgotten (<see cref="IRoundGrain.ForgetL1Async"/>). Not reentrant, except the waits and reads, which only read.
/// </summary>
public sealed class RoundGrain(
    [PersistentState("round")] IPersistentState<RoundState> state)
    : Grain, IRoundGrain
{
    private readonly List<(Hash256 Parent, int Expected, TaskCompletionSource Done)> _waiters = [];
    private string _nodeId = string.Empty;
    private ulong _generation;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.LastIndexOf('/');
        _nodeId = slash < 0 ? key : key[..slash];
        _generation = slash >= 0 && ulong.TryParse(key.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var g) ? g : 0;
        return base.OnActivateAsync(cancellationToken);
    }

    async Task<bool> IRoundGrain.OfferAsync(RoundOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var candidates = state.State.Candidates;
        if (state.State.Equivocators.Contains(offer.Aggregator))
        {
            return false;
        }

        if (offer.Own)
        {
            state.State.OwnCandidateOffers++;
        }

        var existing = candidates.Find(c => c.Aggregator == offer.Aggregator && c.ParentHash == offer.ParentHash);
        if (existing is not null)
        {
            if (existing.RollupHash == offer.RollupHash)
            {
                if (offer.Own)
                {
                    state.State.OwnRollup = offer.RollupHash;
                    await state.WriteStateAsync();
                }

                return false;
            }

            if (existing.ParentIncludedAt != offer.ParentIncludedAt || existing.Nonce == offer.Nonce)
            {
                // An L1 reorg moved the parent's inclusion or removed the block the candidate depended on, and the enclave
                // rebuilt its candidate on the new fork with the same sealed nonce: the same draw in the lottery, restated,
                // not a second one. (Counted as equivocation, a rebuild on an unmoved parent used to drop the aggregator
                // from the round, even on its own node; when every aggregator had to rebuild, nobody published again.)
                candidates.Remove(existing);
                candidates.Add(offer);
                if (offer.Own)
                {
                    state.State.OwnRollup = offer.RollupHash;
                }

                await state.WriteStateAsync();
                Signal();
                return true;
            }

            // Two nonces of one enclave for one parent and one inclusion block: only a broken enclave does this (one sealed
            // nonce per parent is the enclave's rule). Both are dropped (Round's rule).
            candidates.RemoveAll(c => c.Aggregator == offer.Aggregator && c.ParentHash == offer.ParentHash);
            state.State.Equivocators.Add(offer.Aggregator);
            await state.WriteStateAsync();
            return false;
        }

        candidates.Add(offer);
        if (offer.Own)
        {
            state.State.OwnRollup = offer.RollupHash;
        }

        await state.WriteStateAsync();
        Signal();
        return true;
    }

    async Task<RoundView> IRoundGrain.WaitForCandidatesAsync(Hash256 parentHash, int expected, TimeSpan timeout)
    {
        if (Count(parentHash) < expected)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiter = (parentHash, expected, done);
            _waiters.Add(waiter);
            try
            {
                await Task.WhenAny(done.Task, Task.Delay(timeout));
            }
            finally
            {
                _waiters.Remove(waiter);
            }
        }

        return View(parentHash);
    }

    async Task IRoundGrain.RecordPublicationAsync(Hash256 rollupHash, Hash256 l1Transaction, ulong l1Block)
    {
        state.State.OwnRollup ??= rollupHash;
        state.State.OwnPublicationTransaction = l1Transaction;
        state.State.OwnPublicationBlock = l1Block;
        await state.WriteStateAsync();
    }

    async Task IRoundGrain.RecordL1Async(RoundL1Rollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        var onL1 = state.State.OnL1;
        var at = onL1.FindIndex(r => r.RollupHash == rollup.RollupHash);
        if (at >= 0 && onL1[at] == rollup)
        {
            return;
        }

        // A later record of the same rollup replaces the earlier one: after an L1 reorg it may land in another block.
        if (at >= 0)
        {
            onL1[at] = rollup;
        }
        else
        {
            onL1.Add(rollup);
        }

        await state.WriteStateAsync();
    }

    async Task IRoundGrain.ForgetL1Async(Hash256 rollupHash, ulong l1Block)
    {
        var s = state.State;
        var removed = s.OnL1.Find(r => r.RollupHash == rollupHash && r.L1Block == l1Block);
        if (removed is null)
        {
            return;
        }

        s.OnL1.Remove(removed);
        if (s.OwnPublicationBlock == l1Block && s.Candidates.Exists(c => c.Own && c.Aggregator == removed.Aggregator))
        {
            // It was this node's publication: the block that held it is gone, so the node has none on L1 until it publishes again.
            s.OwnPublicationTransaction = null;
            s.OwnPublicationBlock = null;
        }

        await state.WriteStateAsync();
    }

    Task<RoundView> IRoundGrain.GetAsync() => Task.FromResult(View(null));

    private int Count(Hash256 parentHash) => state.State.Candidates.Count(c => c.ParentHash == parentHash);

    private void Signal()
    {
        foreach (var (parent, expected, done) in _waiters)
        {
            if (Count(parent) >= expected)
            {
                done.TrySetResult();
            }
        }
    }

    /// <summary>
    /// The view on one parent: the given one, else the parent of the rollup that became canonical, else of this node's
    /// own candidate, else of the first candidate heard.
    /// </summary>
    private RoundView View(Hash256? parentHash)
    {
        var s = state.State;
        var canonicalOnL1 = s.OnL1.LastOrDefault(r => r.Standing == "canonical");
        var parent = parentHash
            ?? canonicalOnL1?.ParentHash
            ?? s.Candidates.Find(c => c.RollupHash == s.OwnRollup)?.ParentHash
            ?? s.Candidates.FirstOrDefault()?.ParentHash;
        var onParent = s.Candidates.Where(c => c.ParentHash == parent).ToList();
        var round = new Round(parent ?? Hash256.Zero, onParent.FirstOrDefault()?.ParentIncludedAt ?? 0, 1);
        foreach (var c in onParent)
        {
            round.TryAdd(new RoundCandidate(c.RollupHash, c.Aggregator, c.Nonce));
        }

        var ranked = round.Ranked
            .Select((c, rank) => new RoundCandidateView(c.RollupHash, parent!.Value, c.Aggregator, c.Nonce, rank, c.RollupHash == s.OwnRollup))
            .ToList();
        var publications = Classify(parent);
        var canonical = canonicalOnL1 is null ? null : publications.Find(p => p.RollupHash == canonicalOnL1.RollupHash);
        return new RoundView(
            _nodeId,
            _generation,
            parent,
            onParent.FirstOrDefault()?.ParentIncludedAt ?? canonicalOnL1?.ParentIncludedAt,
            ranked,
            ranked.FirstOrDefault(),
            s.OwnRollup,
            s.OwnPublicationTransaction,
            s.OwnPublicationBlock,
            publications,
            canonical,
            s.Equivocators)
        {
            OwnCandidateOffers = s.OwnCandidateOffers,
        };
    }

    /// <summary>
    /// Reward classes as the ledger pays them: among the valid rollups of the round (canonical or sibling) that reached
    /// L1 within two blocks of the parent's inclusion, only the lowest nonce earns, by how late it landed.
    /// </summary>
    private List<RoundPublicationView> Classify(Hash256? parent)
    {
        var valid = state.State.OnL1
            .Where(r => (parent is null || r.ParentHash == parent) && r.Standing is "canonical" or "sibling")
            .ToList();
        var window = valid.Where(r => r.L1Block <= r.ParentIncludedAt + 2).ToList();
        var classes = window.Count == 0
            ? []
            : Lottery.Classify(window[0].ParentIncludedAt, [.. window.Select(r => new PublishedCandidate(r.RollupHash, r.Aggregator, r.Nonce, r.L1Block))]);
        return [.. state.State.OnL1.Select(r =>
        {
            var at = window.IndexOf(r);
            var rewardClass = at >= 0 ? classes[at] : RewardClass.None;
            return new RoundPublicationView(r.RollupHash, r.Aggregator, r.Nonce, r.L1Block, r.Standing, rewardClass.ToString().ToLowerInvariant());
        })];
    }
}
