using Obscuro.Client.Amounts;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.L1;

/// <summary>A deposit the bridge accepted: its id (the L2 credits it exactly once by id) and what was credited.</summary>
/// <param name="Asset">ETH or the token.</param>
/// <param name="Amount">What the bridge recorded, which a fee-on-transfer token makes less than what was sent.</param>
/// <param name="DepositId">The bridge's deposit counter value for this deposit.</param>
/// <param name="L2Recipient">The L2 account credited.</param>
/// <param name="TransactionHash">The L1 deposit transaction.</param>
/// <param name="BlockNumber">The L1 block it is in.</param>
/// <param name="ApprovalHash">The approve transaction sent first for a token, if one was needed.</param>
public sealed record DepositResult(Asset Asset, UInt256 Amount, UInt256 DepositId, Address L2Recipient, Hash256 TransactionHash, ulong BlockNumber, Hash256? ApprovalHash);
