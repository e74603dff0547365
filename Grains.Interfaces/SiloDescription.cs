namespace Obscuro.Grains;

/// <param name="Address">The silo address as Orleans prints it.</param>
/// <param name="Name">The silo name.</param>
/// <param name="Status">The membership status (Active, Joining, ShuttingDown, …).</param>
/// <param name="Role">The silo-metadata <c>role</c>: <c>host</c>, <c>enclave</c> or <c>both</c>; empty while unknown.</param>
/// <param name="Tee">The silo-metadata <c>tee</c>: <c>none</c>, <c>simulated</c>, <c>sev-snp</c> or <c>tdx</c>; empty while unknown.</param>
[GenerateSerializer]
[Alias("Obscuro.SiloDescription")]
public sealed record SiloDescription(
    [property: Id(0)] string Address,
    [property: Id(1)] string Name,
    [property: Id(2)] string Status,
    [property: Id(3)] string Role,
    [property: Id(4)] string Tee);
