using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>What an operator may see of the enclave: public facts only.</summary>
[GenerateSerializer]
[Alias("Obscuro.EnclaveStatus")]
public sealed record EnclaveStatus(
    [property: Id(0)] string NodeId,
    [property: Id(1)] Address EnclaveAddress,
    [property: Id(2)] bool Provisioned,
    [property: Id(3)] Address? NetworkAddress,
    [property: Id(4)] L1BlockNotice? LastIngested,
    [property: Id(5)] Hash256 HeadRollup,
    [property: Id(6)] ulong HeadGeneration,
    [property: Id(7)] string? WaitingFor);
