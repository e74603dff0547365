namespace Obscuro.Contracts.Bindings;

/// <summary>
/// RollupManagement <c>WithdrawalsLocked</c>: the fork period that began at <paramref name="ForkSince"/> outlived the
/// lock period; latched at <paramref name="AtBlock"/> until governance resolves the fork.
/// </summary>
public sealed record WithdrawalsLockedEvent(ulong ForkSince, ulong AtBlock, LogOrigin Origin) : IContractEvent;
