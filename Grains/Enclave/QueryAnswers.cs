using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.Grains.Enclave;

/// <summary>The payload of each query kind (formats in Protocol/Queries), from the queried account's L1-confirmed snapshot.</summary>
internal static class QueryAnswers
{
    public static (bool Ok, string Error, byte[] Payload) Answer(QueryRequest request, AccountSnapshot account)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(account);
        switch (request.Kind)
        {
            case QueryKind.Account:
                return (true, string.Empty, new AccountSummary(account.Balance, account.Nonce).Encode());
            case QueryKind.TokenBalance:
                if (request.Argument.Length != Address.Size)
                {
                    return (false, $"The argument of a token balance query is a {Address.Size}-byte token address.", []);
                }

                var token = new Address(request.Argument);
                return (true, string.Empty, new TokenBalanceAnswer(token, account.TokenBalance(token)).Encode());
            case QueryKind.Transaction:
                if (request.Argument.Length != Hash256.Size)
                {
                    return (false, $"The argument of a transaction query is a {Hash256.Size}-byte transaction hash.", []);
                }

                var hash = new Hash256(request.Argument);
                var entry = account.History.FirstOrDefault(e => e.TransactionHash == hash && e.Outgoing)
                    ?? account.History.FirstOrDefault(e => e.TransactionHash == hash);
                var answer = entry is null
                    ? new TransactionAnswer(hash, TransactionState.Unknown, Hash256.Zero, 0, UInt256.Zero, string.Empty)
                    : new TransactionAnswer(hash, entry.State, entry.RollupHash, entry.Generation, entry.FeePaid, entry.FailureReason);
                return (true, string.Empty, answer.Encode());
            case QueryKind.History:
                return (true, string.Empty, HistoryEntry.EncodeList(account.History.Select(e => e.ToHistoryEntry())));
            default:
                return (false, $"Query kind {(byte)request.Kind} is not supported.", []);
        }
    }
}
