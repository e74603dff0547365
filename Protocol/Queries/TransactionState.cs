namespace Obscuro.Protocol.Queries;

/// <summary>What the enclave can say about a transaction: only facts from rollups already in an L1 block.</summary>
public enum TransactionState : byte
{
    /// <summary>Not in any L1-included canonical rollup (pending, rejected, or unknown): the enclave says nothing more.</summary>
    Unknown = 0,
    Failed = 1,
    Succeeded = 2,
}
