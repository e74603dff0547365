namespace Obscuro.Grains.Node;

/// <summary>
/// The answer to a reveal request. <see cref="Release"/> is the enclave-signed <c>RevealRelease</c> (RLP, see
/// Protocol/Reveal/RevealRelease.cs) once the interval has ended on L1; otherwise it is null and <see cref="Refusal"/>
/// says why. The generations tell a caller how far the L1-included chain is from the end, so it knows when to ask again.
/// Public data either way: a released key is meant for everyone, and a refusal holds no secret.
/// </summary>
/// <param name="Release">The encoded, signed release; null when refused.</param>
/// <param name="Refusal">Why nothing was released (empty when released).</param>
/// <param name="ReleasedFromGeneration">The first generation whose inclusion on L1 ends the interval.</param>
/// <param name="IncludedHeadGeneration">The generation of the node's latest L1-included rollup; null before the genesis rollup.</param>
[GenerateSerializer]
[Alias("Obscuro.RevealReply")]
public sealed record RevealReply(
    [property: Id(0)] byte[]? Release,
    [property: Id(1)] string Refusal,
    [property: Id(2)] ulong ReleasedFromGeneration,
    [property: Id(3)] ulong? IncludedHeadGeneration);
