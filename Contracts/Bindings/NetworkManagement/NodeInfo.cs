using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// NetworkManagement's <c>NodeInfo</c> (the <c>nodeInfo</c> view): everything a node needs to know about another.
/// For an address that never registered every field is zero or empty and <see cref="Status"/> is
/// <see cref="NodeStatus.None"/>. <see cref="ActiveAggregator"/> is evaluated at the block of the call.
/// </summary>
public sealed record NodeInfo(
    Address EnclaveAddress,
    Address Operator,
    NodeStatus Status,
    bool IsAggregator,
    bool ActiveAggregator,
    ulong RegisteredAt,
    ulong UnbondingSince,
    UInt256 Stake,
    UInt256 PendingFee,
    Hash256 Measurement,
    Hash256 Authority,
    Hash256 AttestationHash,
    ReadOnlyMemory<byte> PublicKey,
    string Endpoint);
