using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// The enclave grain's state before sealing (see <see cref="EnclaveGrainState"/>): everything a restart needs that the
/// L1 cannot give back. The ledger is not here: it is rebuilt by replaying <see cref="Path"/> from the anchor, which is
/// deterministic. The candidates are, because a restarted enclave must not draw a second nonce for a parent; and the
/// account updates of the last ingested block, which are pushed again after a crash that may have cut them short.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.EnclaveRecord")]
public sealed class EnclaveRecord
{
    [Id(0)]
    public string NodeId { get; set; } = string.Empty;

    [Id(1)]
    public NetworkSettings? Settings { get; set; }

    /// <summary>Hashes of the ingested L1 blocks after the anchor on the current fork, in order.</summary>
    [Id(2)]
    public List<Hash256> Path { get; set; } = [];

    [Id(3)]
    public List<CandidateRecord> Candidates { get; set; } = [];

    [Id(4)]
    public List<PendingAccountUpdate> PendingUpdates { get; set; } = [];
}
