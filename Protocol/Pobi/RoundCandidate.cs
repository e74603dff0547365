using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Pobi;

/// <summary>A verified candidate of a round: who produced it, its lottery nonce and its hash.</summary>
public readonly record struct RoundCandidate(Hash256 RollupHash, Address Aggregator, UInt256 Nonce);
