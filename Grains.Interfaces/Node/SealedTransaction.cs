using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>
/// An admitted transaction as the host keeps it: its hash (which its sender knows anyway) and the signed transaction
/// sealed with the network's state sealing key, so only an enclave can read it back, without a second ECDH and
/// signature recovery.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.SealedTransaction")]
public sealed record SealedTransaction(
    [property: Id(0)] Hash256 TransactionHash,
    [property: Id(1)] byte[] Sealed);
