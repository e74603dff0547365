namespace Obscuro.Grains.Enclave;

/// <summary>
/// What the reveal interval grain hands to the storage provider: the encoded release it made, sealed by this silo's TEE
/// for purpose <see cref="Purpose"/> and the grain key, or nothing before the interval ended. The release is public, but
/// sealed it cannot be swapped for another interval's or altered by the host between restarts.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.RevealIntervalGrainState")]
public sealed class RevealIntervalGrainState
{
    public const string Purpose = "reveal-release";

    [Id(0)]
    public byte[]? SealedRelease { get; set; }
}
