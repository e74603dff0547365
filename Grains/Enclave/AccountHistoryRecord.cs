using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// One line of an account's L1-confirmed history, as the account grain keeps it: what a <see cref="HistoryEntry"/>
/// says, plus what a transaction-status answer needs (rollup, fee, failure reason) and the transaction's position in
/// its rollup (for a stable newest-first order). Enclave-internal plaintext: never leaves an enclave silo unencrypted.
/// </summary>
/// <param name="TransactionHash">The L2 transaction.</param>
/// <param name="Outgoing">Sent by this account (true) or a transfer it received (false).</param>
/// <param name="Counterparty">Recipient of an outgoing transaction (L1 recipient of a withdrawal), sender of an incoming one.</param>
/// <param name="Token">Wrapped token's L2 address; zero for ETH.</param>
/// <param name="Amount">Value moved (wei or token units).</param>
/// <param name="State">Succeeded or failed; never <see cref="TransactionState.Unknown"/> (only included transactions are recorded).</param>
/// <param name="Generation">Generation of the L1-included canonical rollup that holds the transaction.</param>
/// <param name="Position">Index of the transaction in that rollup.</param>
/// <param name="RollupHash">That rollup's hash.</param>
/// <param name="FeePaid">Network fee the sender paid.</param>
/// <param name="FailureReason">Why a failed transaction failed; empty otherwise.</param>
[GenerateSerializer]
[Alias("Obscuro.AccountHistoryRecord")]
public sealed record AccountHistoryRecord(
    [property: Id(0)] Hash256 TransactionHash,
    [property: Id(1)] bool Outgoing,
    [property: Id(2)] Address Counterparty,
    [property: Id(3)] Address Token,
    [property: Id(4)] UInt256 Amount,
    [property: Id(5)] TransactionState State,
    [property: Id(6)] ulong Generation,
    [property: Id(7)] int Position,
    [property: Id(8)] Hash256 RollupHash,
    [property: Id(9)] UInt256 FeePaid,
    [property: Id(10)] string FailureReason)
{
    public HistoryEntry ToHistoryEntry() => new(TransactionHash, Outgoing, Counterparty, Token, Amount, State, Generation);
}
