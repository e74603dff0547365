using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// Bridge <c>Deposit</c>: <paramref name="DepositId"/> counts up from 0 over all deposits and is what the L2 credits
/// exactly once; <paramref name="Token"/> is zero for ETH; <paramref name="Amount"/> is what the bridge's balance grew by.
/// </summary>
public sealed record DepositEvent(UInt256 DepositId, Address L1Sender, Address L2Recipient, Address Token, UInt256 Amount, LogOrigin Origin) : IContractEvent;
