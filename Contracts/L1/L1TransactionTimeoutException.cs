using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.L1;

/// <summary>A transaction was not included (or not confirmed) in time, even after fee bumps. Its outcome is unknown.</summary>
public sealed class L1TransactionTimeoutException : Exception
{
    public L1TransactionTimeoutException(ulong nonce, IReadOnlyList<Hash256> attempts, TimeSpan waited)
        : base($"L1 transaction with nonce {nonce} was not confirmed within {waited.TotalSeconds:0} s after {attempts.Count} attempt(s) ({string.Join(", ", attempts)}).")
    {
        Nonce = nonce;
        Attempts = attempts;
    }

    public L1TransactionTimeoutException() : base("L1 transaction timed out.") => Attempts = [];

    public L1TransactionTimeoutException(string message) : base(message) => Attempts = [];

    public L1TransactionTimeoutException(string message, Exception innerException) : base(message, innerException) => Attempts = [];

    public ulong Nonce { get; }

    public IReadOnlyList<Hash256> Attempts { get; }
}
