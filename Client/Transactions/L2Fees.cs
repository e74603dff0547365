using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Transactions;

/// <summary>
/// The L2 fee of the first phase: a fixed fee per transaction (no bidding, no gas metering), which admission requires
/// <c>maxFeePerGas × gasLimit</c> to cover. Governance sets the price per gas unit on NetworkManagement
/// (<c>l2TransactionFee</c>); a transaction is priced as a plain transfer's 21,000 gas.
/// </summary>
public static class L2Fees
{
    // The protocol prices every transaction at this much gas; signing the same limit makes the cap cover exactly the fee.
    public const ulong GasLimit = Protocol.Execution.NetworkRules.TransactionGas;

    /// <summary>The fee one transaction pays, given the price per gas unit read from L1.</summary>
    public static UInt256 PerTransaction(UInt256 feePerGas) => Protocol.Execution.NetworkRules.FeeFor(feePerGas);
}
