namespace Obscuro.Grains.Enclave;

/// <summary>
/// What the account grain hands to the storage provider: its <see cref="AccountSnapshot"/> sealed with the network's
/// state sealing key (<see cref="AccountSealing.StatePurpose"/>, identifier = the grain key), or nothing yet.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.AccountGrainState")]
public sealed class AccountGrainState
{
    [Id(0)]
    public byte[]? Sealed { get; set; }
}
