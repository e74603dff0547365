namespace Obscuro.Protocol.Chain;

/// <summary>A verified L1 block reduced to what the L2 follows.</summary>
public sealed record L1Block(L1BlockRef Ref, IReadOnlyList<L1Event> Events);
