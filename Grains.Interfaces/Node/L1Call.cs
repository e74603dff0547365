using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>
/// An L1 transaction the enclave wants sent by the host's operator account (for example the network initialisation
/// or a secret response): target, calldata with the enclave's signatures inside, value, and what it is for.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.L1Call")]
public sealed record L1Call(
    [property: Id(0)] Address To,
    [property: Id(1)] byte[] Data,
    [property: Id(2)] UInt256 Value,
    [property: Id(3)] string Purpose);
