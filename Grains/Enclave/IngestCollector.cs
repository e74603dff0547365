using Obscuro.Grains.L1;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Grains.Enclave;

/// <summary>Gathers what one ingest (or replay) changed, block by block, for the outcome and the account grains.</summary>
internal sealed class IngestCollector(bool trackAccounts)
{
    /// <summary>A rollup published before this enclave held the seed; it is checked when the enclave rebuilds its ledger.</summary>
    public const string Unverified = "unverified";

    /// <summary>A publication whose rollup could not be read back from its transaction.</summary>
    public const string Unreadable = "unreadable";

    public bool TrackAccounts { get; set; } = trackAccounts;

    public List<RollupStandingReport> Standings { get; } = [];

    public List<Hash256> Included { get; } = [];

    public List<KeyValuePair<Address, AccountUpdate>> Updates { get; } = [];

    /// <summary>Transactions of rollups that left the canonical chain and are not (again) in it, in chain order.</summary>
    public List<L2Transaction> Abandoned { get; } = [];

    public bool HeadChanged { get; set; }

    public void AddOutcomes(IEnumerable<RollupOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            Standings.Add(new RollupStandingReport(outcome.RollupHash, outcome.Generation, StandingOf(outcome.Standing), outcome.Reason));
        }
    }

    public void AddUnreadable(IEnumerable<UnreadablePublication> publications)
    {
        foreach (var publication in publications)
        {
            Standings.Add(new RollupStandingReport(publication.RollupHash, publication.Generation, Unreadable, publication.Reason));
        }
    }

    /// <summary>Rollups seen before this enclave holds the seed: it validates them once provisioned (it replays from the anchor then).</summary>
    public void AddUnverified(ExtractedL1Block block)
    {
        foreach (var published in block.Block.Events.OfType<RollupPublishedEvent>())
        {
            var header = published.Rollup.Header;
            Standings.Add(new RollupStandingReport(header.Hash, header.Generation, Unverified, "this enclave does not hold the master seed yet; it checks the rollup once provisioned"));
        }
    }

    /// <summary>The standing as the host records it: the ledger's standing in lower case (<c>canonical</c>, <c>sibling</c>, <c>ignored</c>, <c>rejected</c>).</summary>
    public static string StandingOf(RollupStanding standing) => standing.ToString().ToLowerInvariant();

    /// <summary>
    /// Adds one head move. Several moves in one ingest (a ledger rebuild) net out: a transaction abandoned and then
    /// included again is only included, and one included and then abandoned is only abandoned.
    /// </summary>
    public void Add(AccountChanges changes)
    {
        var included = changes.Included.ToHashSet();
        var abandoned = changes.Abandoned.Select(transaction => transaction.Hash).ToHashSet();
        Abandoned.RemoveAll(transaction => included.Contains(transaction.Hash));
        Included.RemoveAll(abandoned.Contains);
        Included.AddRange(changes.Included);
        Abandoned.AddRange(changes.Abandoned);
        if (TrackAccounts)
        {
            Updates.AddRange(changes.Updates);
        }
    }
}
