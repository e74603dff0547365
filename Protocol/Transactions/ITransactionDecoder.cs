namespace Obscuro.Protocol.Transactions;

/// <summary>
/// Turns a signed transaction's bytes into an <see cref="L2Transaction"/>: canonical decoding, L2 chain id, low-s
/// signature, sender recovery and static limits. Implementations may cache senders they have already recovered.
/// </summary>
public interface ITransactionDecoder
{
    /// <exception cref="TransactionRejectedException">The transaction is malformed or violates a static rule.</exception>
    L2Transaction Decode(ReadOnlySpan<byte> raw);
}
