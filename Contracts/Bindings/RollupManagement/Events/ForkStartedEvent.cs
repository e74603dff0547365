namespace Obscuro.Contracts.Bindings;

/// <summary>RollupManagement <c>ForkStarted</c>: from <paramref name="AtBlock"/> two or more counting heads are live.</summary>
public sealed record ForkStartedEvent(ulong AtBlock, ulong LiveHeads, LogOrigin Origin) : IContractEvent;
