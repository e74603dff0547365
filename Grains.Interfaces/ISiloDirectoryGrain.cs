namespace Obscuro.Grains;

/// <summary>
/// The silos of this cluster as the answering silo sees them: addresses, roles and TEE kinds. Internal to the node
/// (no <see cref="PublicApiAttribute"/>): silo addresses and which of them hold the enclave are operator information,
/// not something to hand to anyone who can reach the gateway.
/// </summary>
[Alias("Obscuro.ISiloDirectoryGrain")]
public interface ISiloDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("GetSilos")]
    Task<IReadOnlyList<SiloDescription>> GetSilosAsync();
}
