namespace Obscuro.Grains.Host;

/// <summary>Limits of the node's mempool (section <c>Obscuro:Node</c> on host silos).</summary>
public sealed class MempoolOptions
{
    /// <summary>Admitted transactions held at most; beyond that, submissions are turned away with <see cref="Node.HostRejections.MempoolFull"/>.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>
    /// The largest ciphertext passed on to the enclave's admission check. The enclave applies the protocol's exact
    /// limit; this only keeps oversized garbage off the enclave silo.
    /// </summary>
    public int MaxCiphertextBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Admissions kept in the mempool's journal before it writes a checkpoint of the whole list (see
    /// <see cref="MempoolGrain"/>): an admission's write stores up to this many transactions, and a checkpoint is written
    /// once per this many admissions, which keeps both costs small per admission whatever the mempool's size.
    /// </summary>
    public int JournalLimit { get; set; } = 512;
}
