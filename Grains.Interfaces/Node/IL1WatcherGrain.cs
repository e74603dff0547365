namespace Obscuro.Grains.Node;

/// <summary>
/// Host side, keyed by node id: follows the L1 node's head and publishes <see cref="L1BlockNotice"/>s in order, with
/// reorgs as a new branch from the common ancestor, on the stream <c>L1</c>/<see cref="StreamNamespaces.L1Blocks"/>
/// keyed by node id. Resumes from the enclave's last ingested block.
/// </summary>
[Alias("Obscuro.IL1WatcherGrain")]
public interface IL1WatcherGrain : IGrainWithStringKey
{
    /// <summary>Starts following from the child of <paramref name="resumeAfter"/>; idempotent.</summary>
    [Alias("Start")]
    Task StartAsync(L1BlockNotice resumeAfter);

    /// <summary>The last block published on the stream.</summary>
    [Alias("GetHead")]
    Task<L1BlockNotice?> GetHeadAsync();
}
