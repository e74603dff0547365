using Obscuro.Client.Queries;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.Client.Transactions;

/// <summary>An L2 transaction that is in a rollup on L1, with the enclave's verified account of it.</summary>
public sealed record TransactionOutcome(L2Call Call, SealedSubmission Submission, VerifiedAnswer<TransactionAnswer> Result)
{
    public Hash256 TransactionHash => Submission.TransactionHash;
}
