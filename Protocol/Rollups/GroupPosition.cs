using Obscuro.Protocol.Crypto;

namespace Obscuro.Protocol.Rollups;

/// <summary>Where one reveal option's encrypted group lies in a rollup blob, and the interval whose key encrypts it.</summary>
public sealed record GroupPosition(RevealOption Option, ulong Interval, int Offset, int Length, int TransactionCount);
