using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// NetworkManagement's <c>AggregatorInfo</c> (the <c>aggregators</c> view): an aggregator that still holds a stake,
/// bonded or unbonding. <see cref="Active"/> says whether it may publish rollups at the block of the call.
/// </summary>
public sealed record AggregatorInfo(Address EnclaveAddress, Address Operator, string Endpoint, UInt256 Stake, bool Active, ulong UnbondingSince);
