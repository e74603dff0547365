using System.Collections.Immutable;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Pobi;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.State;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Protocol.Chain;

/// <summary>
/// The enclave's chain store: folds verified L1 blocks, in the order the L1 node presents its canonical chain, into
/// one <see cref="LedgerSnapshot"/> per block. Fork choice follows the spec: the canonical L1 chain decides, and on
/// it the first valid child of the current head (in L1 order) becomes the next head. An L1 reorg is handled by
/// continuing from the snapshot of the common ancestor: the rollups and deposits of the abandoned blocks simply are
/// not part of the new fork, and those re-published on it are accepted again (validation results are cached by
/// rollup hash, so replay is cheap). A rollup whose dependency block is not on the fork that contains it is rejected.
/// <para>Deterministic and single-threaded: the enclave grain owns one instance.</para>
/// </summary>
public sealed class Ledger
{
    /// <summary>Canonical ancestors kept per snapshot: enough for siblings (head − 1) and rewards (head − 2).</summary>
    private const ulong CanonicalWindow = 64;

    private readonly NetworkContext _network;
    private readonly KeySchedule _keys;
    private readonly ITransactionDecoder _decoder;
    private readonly int _retainedBlocks;
    private readonly Dictionary<Hash256, LedgerSnapshot> _snapshots = [];
    private readonly Dictionary<Hash256, BlockRecord> _blocks = [];
    private readonly Dictionary<Hash256, BuiltRollup> _validated = [];

    /// <param name="anchor">The L1 block before the management contracts existed: the first block applied must be its child.</param>
    /// <param name="retainedBlocks">How many recent L1 blocks keep a snapshot, i.e. the deepest reorg the ledger can follow.</param>
    public Ledger(NetworkContext network, KeySchedule keys, ITransactionDecoder decoder, L1BlockRef anchor, int retainedBlocks = 1024)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentOutOfRangeException.ThrowIfLessThan(retainedBlocks, 8);
        _network = network;
        _keys = keys;
        _decoder = decoder;
        _retainedBlocks = retainedBlocks;
        Anchor = anchor;
        Head = new LedgerSnapshot(
            anchor,
            null,
            ImmutableDictionary<ulong, CanonicalRollup>.Empty,
            ImmutableDictionary<Hash256, ImmutableList<PublishedCandidate>>.Empty,
            ImmutableDictionary<Address, Address>.Empty);
        _snapshots[anchor.Hash] = Head;
        _blocks[anchor.Hash] = new BlockRecord(anchor, [], []);
    }

    public L1BlockRef Anchor { get; }

    /// <summary>The snapshot of the L1 head most recently applied.</summary>
    public LedgerSnapshot Head { get; private set; }

    public NetworkContext Network => _network;

    public LedgerSnapshot? FindSnapshot(Hash256 l1BlockHash) => _snapshots.GetValueOrDefault(l1BlockHash);

    public BuiltRollup? FindRollup(Hash256 rollupHash) => _validated.GetValueOrDefault(rollupHash);

    /// <summary>Remembers a rollup this enclave built, so its arrival from L1 needs no second execution.</summary>
    public void RememberOwn(BuiltRollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        _validated[rollup.Rollup.Header.Hash] = rollup;
    }

    /// <summary>
    /// Applies the next block of the L1 node's canonical chain and makes it the head. Its parent must have been applied
    /// (deliver in order; after a reorg, deliver the new branch from the common ancestor's child). Applying a block
    /// again only moves the head back to it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The parent is unknown or the number does not follow it.</exception>
    public IReadOnlyList<RollupOutcome> Apply(L1Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (_snapshots.TryGetValue(block.Ref.Hash, out var known))
        {
            Head = known;
            return [];
        }

        if (!_snapshots.TryGetValue(block.Ref.ParentHash, out var parent))
        {
            throw new InvalidOperationException($"L1 block {block.Ref.Number} {block.Ref.Hash} has an unknown parent {block.Ref.ParentHash}: blocks must be applied in order from the anchor or a retained block.");
        }

        if (block.Ref.Number != parent.Block.Number + 1)
        {
            throw new InvalidOperationException($"L1 block {block.Ref.Hash} claims number {block.Ref.Number}, but its parent is number {parent.Block.Number}.");
        }

        var deposits = new List<L1Deposit>();
        var listings = new List<TokenInfo>();
        var operators = parent.OperatorOf;
        var feePerGas = parent.FeePerGas;
        var defaultOption = parent.DefaultRevealOption;
        foreach (var e in block.Events)
        {
            switch (e)
            {
                case DepositEvent d: deposits.Add(d.Deposit); break;
                case TokenListedEvent t: listings.Add(t.Token); break;
                case NodeRegisteredEvent n: operators = operators.SetItem(n.EnclaveAddress, n.Operator); break;
                case L2FeeChangedEvent f: feePerGas = f.FeePerGas; break;
                case DefaultRevealOptionSetEvent r: defaultOption = r.Option; break;
            }
        }

        _blocks[block.Ref.Hash] = new BlockRecord(block.Ref, listings, deposits, feePerGas, defaultOption);
        var snapshot = parent with { Block = block.Ref, OperatorOf = operators, FeePerGas = feePerGas, DefaultRevealOption = defaultOption };
        var outcomes = new List<RollupOutcome>();
        foreach (var published in block.Events.OfType<RollupPublishedEvent>())
        {
            var (next, outcome) = Consider(snapshot, published.Rollup, block.Ref);
            snapshot = next;
            outcomes.Add(outcome);
        }

        _snapshots[block.Ref.Hash] = snapshot;
        Head = snapshot;
        Prune();
        return outcomes;
    }

    /// <summary>
    /// The inputs of the next rollup on the current head: the head as parent, the head's publication block as proof
    /// of inclusion, and the latest applied L1 block as dependency. Null before the first L1 block is applied.
    /// </summary>
    public RollupInputs? InputsForNextRollup()
    {
        var snapshot = Head;
        if (snapshot.Block.Hash == Anchor.Hash) return null;
        var head = snapshot.Head;
        var parentDependency = head is null ? Anchor.Number : head.Header.DependencyBlockNumber;
        var (listings, deposits) = CollectInputs(snapshot.Block, parentDependency);
        return new RollupInputs(
            head?.Header,
            snapshot.State,
            head?.PublishedIn.Number ?? 0,
            head?.PublishedIn.Hash ?? Hash256.Zero,
            snapshot.Block.Number,
            snapshot.Block.Hash,
            listings,
            deposits,
            RewardsDue(snapshot, head is null ? 0 : head.Header.Generation + 1),
            snapshot.FeePerGas,
            snapshot.DefaultRevealOption);
    }

    private (LedgerSnapshot Snapshot, RollupOutcome Outcome) Consider(LedgerSnapshot snapshot, SignedRollup rollup, L1BlockRef publishedIn)
    {
        var header = rollup.Header;
        CanonicalRollup? parent = null;
        bool extendsHead;
        if (header.IsGenesis)
        {
            extendsHead = snapshot.Head is null && header.Generation == 0;
        }
        else
        {
            parent = header.Generation == 0 ? null : snapshot.CanonicalAt(header.Generation - 1);
            if (parent is null || parent.Header.Hash != header.ParentHash)
            {
                return (snapshot, Outcome(header, RollupStanding.Ignored, RollupRejection.None, "its parent is not on the canonical chain of this L1 fork"));
            }

            extendsHead = ReferenceEquals(parent, snapshot.Head) || parent.Header.Hash == snapshot.Head?.Header.Hash;
        }

        if (!extendsHead && (header.IsGenesis || snapshot.Head is null || header.Generation + 1 < snapshot.Head.Header.Generation))
        {
            return (snapshot, Outcome(header, RollupStanding.Ignored, RollupRejection.None, "it competes with a canonical rollup outside the reward window"));
        }

        BuiltRollup built;
        try
        {
            var inputs = InputsFor(snapshot, header, parent, publishedIn);
            built = Validate(inputs, rollup);
        }
        catch (RollupRejectedException e)
        {
            return (snapshot, Outcome(header, RollupStanding.Rejected, e.Reason, e.Message));
        }

        var roundKey = header.ParentHash;
        var candidates = snapshot.Rounds.GetValueOrDefault(roundKey, ImmutableList<PublishedCandidate>.Empty)
            .Add(new PublishedCandidate(header.Hash, header.Aggregator, header.Nonce, publishedIn.Number));
        snapshot = snapshot with { Rounds = snapshot.Rounds.SetItem(roundKey, candidates) };
        if (!extendsHead)
        {
            return (snapshot, Outcome(header, RollupStanding.Sibling, RollupRejection.None, null));
        }

        var canonical = new CanonicalRollup(built, publishedIn);
        var window = snapshot.CanonicalByGeneration.SetItem(header.Generation, canonical);
        if (header.Generation >= CanonicalWindow) window = window.Remove(header.Generation - CanonicalWindow);
        var rounds = snapshot.Rounds;
        if (header.Generation >= CanonicalWindow)
        {
            var old = snapshot.CanonicalAt(header.Generation - CanonicalWindow);
            if (old is not null) rounds = rounds.Remove(old.Header.ParentHash);
        }

        snapshot = snapshot with { Head = canonical, CanonicalByGeneration = window, Rounds = rounds };
        return (snapshot, Outcome(header, RollupStanding.Canonical, RollupRejection.None, null));
    }

    /// <summary>The inputs a published rollup must have been built from, derived from this fork's L1 data alone.</summary>
    private RollupInputs InputsFor(LedgerSnapshot snapshot, RollupHeader header, CanonicalRollup? parent, L1BlockRef publishedIn)
    {
        if (parent is not null && (parent.PublishedIn.Number != header.InclusionBlockNumber || parent.PublishedIn.Hash != header.InclusionBlockHash))
        {
            throw Rejected(RollupRejection.WrongInclusionProof, $"the parent was published in L1 block {parent.PublishedIn.Number} {parent.PublishedIn.Hash}, the header names {header.InclusionBlockNumber} {header.InclusionBlockHash}");
        }

        var parentDependency = parent?.Header.DependencyBlockNumber ?? Anchor.Number;
        if (header.DependencyBlockNumber < parentDependency || header.DependencyBlockNumber >= publishedIn.Number || header.DependencyBlockNumber < header.InclusionBlockNumber)
        {
            throw Rejected(RollupRejection.WrongDependency, $"dependency block {header.DependencyBlockNumber} is outside [{Math.Max(parentDependency, header.InclusionBlockNumber)}, {publishedIn.Number})");
        }

        var dependency = AncestorAt(publishedIn.ParentHash, header.DependencyBlockNumber);
        if (dependency is null || dependency.Value.Hash != header.DependencyBlockHash)
        {
            throw Rejected(RollupRejection.WrongDependency, $"dependency block {header.DependencyBlockNumber} {header.DependencyBlockHash} is not on this L1 fork");
        }

        var (listings, deposits) = CollectInputs(dependency.Value, parentDependency);
        return new RollupInputs(
            parent?.Header,
            parent?.Rollup.State ?? L2State.Genesis,
            parent?.PublishedIn.Number ?? 0,
            parent?.PublishedIn.Hash ?? Hash256.Zero,
            dependency.Value.Number,
            dependency.Value.Hash,
            listings,
            deposits,
            RewardsDue(snapshot, header.Generation),
            FeePerGasAt(dependency.Value),
            RecordAt(dependency.Value).DefaultRevealOption);
    }

    private BuiltRollup Validate(RollupInputs inputs, SignedRollup rollup)
    {
        if (_validated.TryGetValue(rollup.Header.Hash, out var known) && known.RewardsDue.SequenceEqual(inputs.Rewards))
        {
            // Same hash: same header, parent, dependency (hence deposits), blob and commitment. With the same rewards due
            // the result is the same, so only the fork-dependent header checks run again.
            RollupValidator.CheckHeaderAgainstInputs(rollup.Header, inputs);
            return known;
        }

        var built = RollupValidator.Validate(inputs, rollup, _network, _keys, _decoder);
        _validated[rollup.Header.Hash] = built;
        return built;
    }

    /// <summary>
    /// Rewards a rollup of <paramref name="generation"/> pays: those of the round two generations back, whose reward
    /// classes are final by then (they only depend on the two L1 blocks after that round's parent was published).
    /// </summary>
    private List<Reward> RewardsDue(LedgerSnapshot snapshot, ulong generation)
    {
        var rewards = new List<Reward>();
        if (generation < 3) return rewards;
        var roundParent = snapshot.CanonicalAt(generation - 3);
        if (roundParent is null) return rewards;
        var window = roundParent.PublishedIn.Number + 2;
        var candidates = snapshot.Rounds.GetValueOrDefault(roundParent.Header.Hash, ImmutableList<PublishedCandidate>.Empty)
            .Where(c => c.L1BlockNumber <= window)
            .ToList();
        var classes = Lottery.Classify(roundParent.PublishedIn.Number, candidates);
        for (var i = 0; i < candidates.Count; i++)
        {
            var amount = classes[i] switch
            {
                RewardClass.Full => _network.Rules.FullReward,
                RewardClass.Minimal => _network.Rules.MinimalReward,
                _ => UInt256.Zero,
            };
            if (amount.IsZero) continue;
            var recipient = snapshot.OperatorOf.GetValueOrDefault(candidates[i].Aggregator, candidates[i].Aggregator);
            rewards.Add(new Reward(recipient, amount));
        }

        return rewards;
    }

    /// <summary>Token listings and deposits of the blocks after <paramref name="afterNumber"/> up to <paramref name="upTo"/>, in L1 order.</summary>
    private (List<TokenInfo> Listings, List<L1Deposit> Deposits) CollectInputs(L1BlockRef upTo, ulong afterNumber)
    {
        var records = new Stack<BlockRecord>();
        var cursor = upTo.Hash;
        while (_blocks.TryGetValue(cursor, out var record) && record.Ref.Number > afterNumber)
        {
            records.Push(record);
            cursor = record.Ref.ParentHash;
        }

        var listings = new List<TokenInfo>();
        var deposits = new List<L1Deposit>();
        foreach (var record in records)
        {
            listings.AddRange(record.Listings);
            deposits.AddRange(record.Deposits);
        }

        return (listings, deposits);
    }

    /// <summary>
    /// The fee per gas in effect after <paramref name="block"/> (the default reveal option likewise). Block records outlive snapshots, and a rollup's
    /// dependency is never older than its parent's, which this ledger applied; so a missing record is a broken invariant.
    /// </summary>
    private UInt256? FeePerGasAt(L1BlockRef block) => RecordAt(block).FeePerGas;

    private BlockRecord RecordAt(L1BlockRef block) =>
        _blocks.TryGetValue(block.Hash, out var record)
            ? record
            : throw new InvalidOperationException($"L1 block {block.Number} {block.Hash} is no longer retained; its L2 fee and default reveal option are unknown.");

    private L1BlockRef? AncestorAt(Hash256 from, ulong number)
    {
        var cursor = from;
        while (_blocks.TryGetValue(cursor, out var record))
        {
            if (record.Ref.Number == number) return record.Ref;
            if (record.Ref.Number < number) return null;
            cursor = record.Ref.ParentHash;
        }

        return null;
    }

    private void Prune()
    {
        if (Head.Block.Number <= (ulong)_retainedBlocks) return;
        var oldest = Head.Block.Number - (ulong)_retainedBlocks;
        foreach (var hash in _snapshots.Where(kv => kv.Value.Block.Number < oldest).Select(kv => kv.Key).ToList())
        {
            _snapshots.Remove(hash);
        }

        // Block records stay a little longer than snapshots: a rollup's dependency may reach behind the oldest snapshot.
        foreach (var hash in _blocks.Where(kv => kv.Value.Ref.Number + (ulong)_retainedBlocks < oldest).Select(kv => kv.Key).ToList())
        {
            _blocks.Remove(hash);
        }

        var minGeneration = _snapshots.Values.Min(s => s.Head?.Header.Generation ?? 0);
        if (minGeneration > CanonicalWindow)
        {
            foreach (var hash in _validated.Where(kv => kv.Value.Rollup.Header.Generation + CanonicalWindow < minGeneration).Select(kv => kv.Key).ToList())
            {
                _validated.Remove(hash);
            }
        }
    }

    private static RollupOutcome Outcome(RollupHeader header, RollupStanding standing, RollupRejection rejection, string? reason) =>
        new(header.Hash, header.Generation, standing, rejection, reason);

    private static RollupRejectedException Rejected(RollupRejection reason, string message) =>
        new(reason, $"Rollup rejected ({reason}): {message}.");
}
