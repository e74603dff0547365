namespace Obscuro.Grains;

/// <param name="NodeId">The node.</param>
/// <param name="HostSilos">Active silos without a TEE.</param>
/// <param name="EnclaveSilos">Active silos with a TEE (these also count those whose role is both host and enclave).</param>
/// <param name="Enclave">The enclave identity, or null when no enclave silo is active.</param>
[GenerateSerializer]
[Alias("Obscuro.NodeInfo")]
public sealed record NodeInfo(
    [property: Id(0)] string NodeId,
    [property: Id(1)] int HostSilos,
    [property: Id(2)] int EnclaveSilos,
    [property: Id(3)] EnclaveIdentity? Enclave);
