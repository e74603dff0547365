using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Enclave;

/// <summary>One wrapped-token balance of an account (token = the wrapped token's L2 address). Enclave-internal plaintext.</summary>
[GenerateSerializer]
[Alias("Obscuro.AccountTokenBalance")]
public sealed record AccountTokenBalance([property: Id(0)] Address Token, [property: Id(1)] UInt256 Amount);
