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
/// <param name="IsGenesisNode">Whether this node creates the network (generates the seed) if L1 shows none yet.</param>
/// <param name="Operator">The L1 account that registers the node and pays fee and stake (signed into the registration).</param>
/// <param name="Registration">What the node registers with on NetworkManagement.</param>
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
    [property: Id(7)] bool IsAggregator,
    [property: Id(8)] bool IsGenesisNode,
    [property: Id(9)] Address Operator,
    [property: Id(10)] RegistrationSettings Registration);

/// <summary>The values a node registers with (FORMATS.md "register"): all public, all signed by the enclave key.</summary>
/// <param name="AttestationToken">An attestation token's bytes to register with as given; empty (normal): the enclave asks its TEE for one.</param>
/// <param name="Measurement">The enclave measurement governance accepts.</param>
/// <param name="Authority">The attestation authority governance accepts.</param>
/// <param name="Endpoint">The node's gossip endpoint.</param>
/// <param name="Stake">Stake to lock as an aggregator (wei; zero for a verifier).</param>
/// <param name="Fee">The registration fee (wei).</param>
[GenerateSerializer]
[Alias("Obscuro.RegistrationSettings")]
public sealed record RegistrationSettings(
    [property: Id(0)] byte[] AttestationToken,
    [property: Id(1)] Hash256 Measurement,
    [property: Id(2)] Hash256 Authority,
    [property: Id(3)] string Endpoint,
    [property: Id(4)] UInt256 Stake,
    [property: Id(5)] UInt256 Fee);
