using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.L1;

/// <summary>A <c>RollupPublished</c> whose rollup could not be read back from its transaction's input, and why.</summary>
public sealed record UnreadablePublication(Hash256 RollupHash, ulong Generation, string Reason);
