using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Execution;

/// <summary>An entry of a rollup's public withdrawal list: what the L1 bridge may pay (token zero = ETH).</summary>
public readonly record struct Withdrawal(Address Recipient, Address Token, UInt256 Amount);
