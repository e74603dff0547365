namespace Obscuro.Grains.Enclave;

/// <summary>
/// What the enclave grain hands to the storage provider: two blobs sealed by this silo's TEE (never plaintext).
/// <see cref="Record"/> is <see cref="EnclaveRecord"/> sealed for purpose <see cref="RecordPurpose"/>;
/// <see cref="Seed"/> is the master seed (32 bytes ‖ UTF-8 node id) sealed for purpose <see cref="SeedPurpose"/>,
/// present once the enclave is provisioned. Both name the node inside, so one node's blobs are refused as another's
/// even when several simulated nodes share a TEE.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.EnclaveGrainState")]
public sealed class EnclaveGrainState
{
    public const string RecordPurpose = "enclave-state";
    public const string SeedPurpose = "master-seed";

    [Id(0)]
    public byte[]? Record { get; set; }

    [Id(1)]
    public byte[]? Seed { get; set; }
}
