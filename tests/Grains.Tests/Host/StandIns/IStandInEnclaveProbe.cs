using Obscuro.Grains.Node;

namespace Obscuro.Grains.Tests.Host.StandIns;

/// <summary>What host-side tests read from the stand-in enclave: the blocks it ingested, verified, in order.</summary>
[Alias("Obscuro.Tests.IStandInEnclaveProbe")]
public interface IStandInEnclaveProbe : IGrainWithStringKey
{
    [Alias("GetIngested")]
    Task<IReadOnlyList<L1BlockNotice>> GetIngestedAsync();

    [Alias("IsProvisioned")]
    Task<bool> IsProvisionedAsync();
}
