using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.L1;

/// <summary>A withdrawal the bridge paid: the L1 transaction and the gas it cost the sender (wei).</summary>
public sealed record FinalizedWithdrawal(PendingWithdrawal Withdrawal, Hash256 TransactionHash, ulong BlockNumber, UInt256 GasCost);
