using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Execution;

/// <summary>A deposit event of the L1 bridge, taken from a verified L1 block (token zero = ETH).</summary>
public readonly record struct L1Deposit(ulong DepositId, Address L1Sender, Address L2Recipient, Address Token, UInt256 Amount);
