namespace Obscuro.Contracts.Bindings;

/// <summary>
/// RollupManagement <c>ForkStarted</c>: a publication at <paramref name="AtBlock"/> created a branch or revived a dead
/// head, which counts, while another counting head was live; <paramref name="LiveHeads"/> counting heads are live after it.
/// </summary>
public sealed record ForkStartedEvent(ulong AtBlock, ulong LiveHeads, LogOrigin Origin) : IContractEvent;
