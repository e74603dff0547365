using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>
/// The raw material of one L1 block as the host fetched it: the claimed hash and the consensus encodings of the
/// header, transactions, receipts and withdrawals. The enclave trusts none of it until it has recomputed the header
/// hash and both roots (Contracts/Rpc/Verification).
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.L1BlockMaterial")]
public sealed record L1BlockMaterial(
    [property: Id(0)] Hash256 ClaimedHash,
    [property: Id(1)] byte[] Header,
    [property: Id(2)] IReadOnlyList<byte[]> Transactions,
    [property: Id(3)] IReadOnlyList<byte[]> Receipts,
    [property: Id(4)] IReadOnlyList<byte[]>? Withdrawals);
