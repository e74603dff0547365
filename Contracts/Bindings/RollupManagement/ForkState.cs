namespace Obscuro.Contracts.Bindings;

/// <summary>
/// The <c>forkState</c> view: the live heads that count; the block since which two or more of them have been live (the
/// second-smallest start of their live stretches; 0 if fewer than two are live), or while <paramref name="Locked"/> the
/// start of the coexistence that caused the lock; and whether withdrawals are locked.
/// </summary>
public sealed record ForkState(ulong LiveHeadCount, ulong ForkSince, bool Locked);
