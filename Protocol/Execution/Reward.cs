using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Execution;

/// <summary>A reward-pool payment a rollup makes to an aggregator's L2 account.</summary>
public readonly record struct Reward(Address Recipient, UInt256 Amount);
