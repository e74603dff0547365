using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>
/// What a node's enclave needs to know about the network it serves. All of it is public and also checkable on L1; the
/// enclave takes the contract addresses as given and then trusts only verified blocks that carry those contracts' events.
/// </summary>
/// <param name="L1ChainId">The L1 chain id (signing hashes bind to it).</param>
/// <param name="NetworkManagement">Address of the NetworkManagement contract.</param>
/// <param name="RollupManagement">Address of the RollupManagement contract.</param>
/// <param name="Bridge">Address of the Bridge contract.</param>
/// <param name="Anchor">The L1 block just before the contracts were deployed: ingestion starts with its child.</param>
/// <param name="L2ChainId">The L2 chain id transactions are signed for.</param>
/// <param name="RevealLengths">Reveal interval lengths in rollups for XS, S, M, L, XL.</param>
/// <param name="IsAggregator">Whether this node produces rollups (verifiers only follow L1).</param>
[GenerateSerializer]
[Alias("Obscuro.NetworkSettings")]
public sealed record NetworkSettings(
    [property: Id(0)] ulong L1ChainId,
    [property: Id(1)] Address NetworkManagement,
    [property: Id(2)] Address RollupManagement,
    [property: Id(3)] Address Bridge,
    [property: Id(4)] L1BlockNotice Anchor,
    [property: Id(5)] ulong L2ChainId,
    [property: Id(6)] IReadOnlyList<ulong> RevealLengths,
    [property: Id(7)] bool IsAggregator);
