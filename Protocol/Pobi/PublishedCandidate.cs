using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Pobi;

/// <summary>A rollup of one round (same parent) as it reached L1: its lottery nonce and the L1 block it landed in.</summary>
public readonly record struct PublishedCandidate(Hash256 RollupHash, Address Aggregator, UInt256 Nonce, ulong L1BlockNumber);
