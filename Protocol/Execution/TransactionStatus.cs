namespace Obscuro.Protocol.Execution;

/// <summary>Outcome of an included transaction. A failed one still pays its fee and uses its nonce, as on Ethereum.</summary>
public enum TransactionStatus : byte
{
    Failed = 0,
    Succeeded = 1,
}
