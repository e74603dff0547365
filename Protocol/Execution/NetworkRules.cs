using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Execution;

/// <summary>
/// Parameters every node must agree on to execute a rollup. The fee and default option come from governance on L1;
/// the enclave reads them from verified L1 data, never from the host.
/// </summary>
/// <param name="ChainId">The L2 chain id transactions must be signed for (EIP-155 replay protection).</param>
/// <param name="TransactionFee">
/// The fixed fee per transaction in wei (no bidding); it goes to the reward pool. This is the default until L1 says
/// otherwise: governance sets the price per gas unit on NetworkManagement, and a rollup charges
/// <see cref="FeeFor"/> of the price in effect at its dependency block (<see cref="Rollups.RollupInputs.FeePerGas"/>).
/// </param>
/// <param name="DefaultRevealOption">
/// The reveal option of ETH transfers, withdrawals and other calls to contracts without a registered option. Like the
/// fee, a default until L1 says otherwise: a rollup uses the option governance set on NetworkManagement as of its
/// dependency block (<see cref="Rollups.RollupInputs.DefaultRevealOption"/>).
/// </param>
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
    /// <summary>Gas every L2 transaction is priced at: a plain transfer's (no metering in the first phase).</summary>
    public const ulong TransactionGas = 21_000;

    /// <summary>
    /// The fee of one transaction at <paramref name="feePerGas"/> (NetworkManagement's <c>l2TransactionFee</c>). An
    /// absurd price saturates rather than throws: the enclave must keep following L1 whatever governance sets, and no
    /// transaction can pay such a fee anyway, so rollups simply carry none until governance corrects it.
    /// </summary>
    public static UInt256 FeeFor(UInt256 feePerGas) =>
        UInt256.TryMultiply(feePerGas, new UInt256(TransactionGas), out var fee) ? fee : UInt256.MaxValue;

    /// <summary>These rules with the fee of <paramref name="feePerGas"/>, or unchanged when L1 has set none.</summary>
    public NetworkRules WithFeePerGas(UInt256? feePerGas) => feePerGas is { } price ? this with { TransactionFee = FeeFor(price) } : this;

    /// <summary>These rules with <paramref name="option"/> as the default reveal option, or unchanged when L1 has set none.</summary>
    public NetworkRules WithDefaultRevealOption(RevealOption? option) => option is { } o ? this with { DefaultRevealOption = o } : this;

    /// <summary>Defaults for a local devnet.</summary>
    public static NetworkRules Devnet { get; } = new(
        ChainId: 443,
        TransactionFee: new UInt256(TransactionGas * 1_000_000_000UL),
        DefaultRevealOption: RevealOption.S,
        MaxTransactionSize: 4096,
        FullReward: new UInt256(1_000_000_000_000_000UL),
        MinimalReward: new UInt256(100_000_000_000_000UL));
}
