namespace Obscuro.Grains.Enclave;

/// <summary>
/// What the account grain hands to the storage provider: its <see cref="Node.AccountSnapshot"/> sealed with the
/// network's state sealing key (purpose <see cref="Purpose"/>, identifier = the grain key), or nothing yet.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.AccountGrainState")]
public sealed class AccountGrainState
{
    public const string Purpose = "AccountGrain.state";

    [Id(0)]
    public byte[]? Sealed { get; set; }
}
