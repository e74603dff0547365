namespace Obscuro.Contracts.Bindings;

/// <summary>
/// The <c>forkState</c> view: the live heads that count, the first block of the current period with two or more of
/// them (0 if none, or the period that caused the lock while <paramref name="Locked"/>), and whether withdrawals are locked.
/// </summary>
public sealed record ForkState(ulong LiveHeadCount, ulong ForkSince, bool Locked);
