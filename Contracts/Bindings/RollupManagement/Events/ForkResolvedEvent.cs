using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>RollupManagement <c>ForkResolved</c>: governance named <paramref name="ValidHead"/>; heads not descending from it stop counting.</summary>
public sealed record ForkResolvedEvent(Hash256 ValidHead, ulong LiveHeads, LogOrigin Origin) : IContractEvent;
