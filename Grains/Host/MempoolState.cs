using Obscuro.Grains.Node;

namespace Obscuro.Grains.Host;

/// <summary>
/// The mempool's checkpoint: its admitted transactions in arrival order (sealed by the enclave), how many it ever
/// admitted, and the epoch that <see cref="MempoolJournal"/> entries must carry to extend it. Admissions since the
/// checkpoint are in the journal; what was pending is this list plus those entries.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.MempoolState")]
public sealed class MempoolState
{
    [Id(0)]
    public List<SealedTransaction> Pending { get; set; } = [];

    [Id(1)]
    public long Admitted { get; set; }

    /// <summary>Raised by every checkpoint write; a journal of an earlier epoch was folded into this checkpoint.</summary>
    [Id(2)]
    public long Epoch { get; set; }
}

/// <summary>
/// The transactions the mempool admitted since its last checkpoint, in arrival order: an admission stores this (small)
/// list instead of the whole pending list. It extends the checkpoint whose <see cref="MempoolState.Epoch"/> equals
/// <see cref="Epoch"/>; with any other epoch it is stale (its entries are in the checkpoint) and is ignored.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.MempoolJournal")]
public sealed class MempoolJournal
{
    [Id(0)]
    public long Epoch { get; set; }

    [Id(1)]
    public List<SealedTransaction> Admitted { get; set; } = [];

    /// <summary><see cref="MempoolState.Admitted"/> as of this journal's write: admissions counted since the checkpoint.</summary>
    [Id(2)]
    public long AdmittedTotal { get; set; }
}
