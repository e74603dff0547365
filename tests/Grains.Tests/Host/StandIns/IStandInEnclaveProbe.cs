using Obscuro.Grains.Node;

namespace Obscuro.Grains.Tests.Host.StandIns;

/// <summary>What host-side tests read from the stand-in enclave (the blocks it ingested, verified, in order) and one lever on it.</summary>
[Alias("Obscuro.Tests.IStandInEnclaveProbe")]
public interface IStandInEnclaveProbe : IGrainWithStringKey
{
    [Alias("GetIngested")]
    Task<IReadOnlyList<L1BlockNotice>> GetIngestedAsync();

    [Alias("IsProvisioned")]
    Task<bool> IsProvisionedAsync();

    /// <summary>While held, every ingestion fails before the block is fetched, as when the enclave silo is busy or restarting.</summary>
    [Alias("HoldIngestion")]
    Task HoldIngestionAsync(bool held);
}
