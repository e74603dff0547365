namespace Obscuro.Grains;

/// <summary>The public half of a node's enclave key and the kind of TEE that holds it.</summary>
/// <param name="NodeId">The node the enclave serves.</param>
/// <param name="PublicKey">The 64-byte uncompressed secp256k1 public key (x ‖ y, without the 0x04 prefix).</param>
/// <param name="Address">The Ethereum address of the key, EIP-55 checksummed.</param>
/// <param name="Tee">The silo-metadata value of the TEE: <c>simulated</c>, <c>sev-snp</c> or <c>tdx</c>.</param>
[GenerateSerializer]
[Alias("Obscuro.EnclaveIdentity")]
public sealed record EnclaveIdentity(
    [property: Id(0)] string NodeId,
    [property: Id(1)] byte[] PublicKey,
    [property: Id(2)] string Address,
    [property: Id(3)] string Tee);
