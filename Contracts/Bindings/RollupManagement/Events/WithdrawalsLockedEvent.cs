namespace Obscuro.Contracts.Bindings;

/// <summary>
/// RollupManagement <c>WithdrawalsLocked</c>: two counting heads, both live from <paramref name="ForkSince"/> on,
/// coexisted longer than the lock period; latched at <paramref name="AtBlock"/> until governance resolves the fork.
/// </summary>
public sealed record WithdrawalsLockedEvent(ulong ForkSince, ulong AtBlock, LogOrigin Origin) : IContractEvent;
