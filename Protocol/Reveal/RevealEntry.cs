using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Reveal;

/// <summary>
/// Where one canonical rollup of an interval keeps the released option's group: its offset and length in the blob, or
/// <see cref="HasGroup"/> false when the rollup carried no transaction of that option.
/// </summary>
public readonly record struct RevealEntry(Hash256 RollupHash, ulong Generation, bool HasGroup, int Offset, int Length);
