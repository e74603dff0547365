using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// NetworkManagement <c>UnbondRequested</c>: the aggregator stopped being active; its stake is withdrawable from
/// <paramref name="WithdrawableAtBlock"/> under the delay in force now (a later change of the delay applies).
/// </summary>
public sealed record UnbondRequestedEvent(Address EnclaveAddress, ulong WithdrawableAtBlock, LogOrigin Origin) : IContractEvent;
