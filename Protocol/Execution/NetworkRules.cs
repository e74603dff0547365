using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Execution;

/// <summary>
/// Parameters every node must agree on to execute a rollup. The fee and default option come from governance on L1;
/// the enclave reads them from verified L1 data, never from the host.
/// </summary>
/// <param name="ChainId">The L2 chain id transactions must be signed for (EIP-155 replay protection).</param>
/// <param name="TransactionFee">The fixed fee per transaction in wei (no bidding); it goes to the reward pool.</param>
/// <param name="DefaultRevealOption">The reveal option of ETH transfers and withdrawals.</param>
/// <param name="MaxTransactionSize">Largest accepted signed transaction in bytes.</param>
/// <param name="FullReward">Paid from the pool to a winner published in the next L1 block.</param>
/// <param name="MinimalReward">Paid from the pool to a winner one block late (gas cover).</param>
public sealed record NetworkRules(
    ulong ChainId,
    UInt256 TransactionFee,
    RevealOption DefaultRevealOption,
    int MaxTransactionSize,
    UInt256 FullReward,
    UInt256 MinimalReward)
{
    /// <summary>Defaults for a local devnet.</summary>
    public static NetworkRules Devnet { get; } = new(
        ChainId: 443,
        TransactionFee: new UInt256(21_000UL * 1_000_000_000UL),
        DefaultRevealOption: RevealOption.S,
        MaxTransactionSize: 4096,
        FullReward: new UInt256(1_000_000_000_000_000UL),
        MinimalReward: new UInt256(100_000_000_000_000UL));
}
