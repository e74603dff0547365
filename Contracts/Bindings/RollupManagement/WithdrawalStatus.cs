namespace Obscuro.Contracts.Bindings;

/// <summary>
/// The <c>withdrawalStatus</c> view (and the bridge's <c>withdrawalState</c>). <paramref name="PayableAtBlock"/> is set
/// for <see cref="WithdrawalState.Waiting"/> and <see cref="WithdrawalState.Payable"/>: the first block at which the
/// wait is over if the fork situation stays as it is (while two heads are live it moves forward with every block).
/// <paramref name="ForkSince"/> is set for <see cref="WithdrawalState.Locked"/>: the block from which the two heads
/// whose coexistence caused the lock were both live.
/// </summary>
public sealed record WithdrawalStatus(WithdrawalState State, ulong PayableAtBlock, ulong ForkSince);
