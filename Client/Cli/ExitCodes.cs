using Obscuro.Client.Errors;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;

namespace Obscuro.Cli;

/// <summary>The exit codes scripts can rely on (documented in Client/README.md). Never renumber one.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int InternalError = 1;
    public const int Usage = 2;
    public const int WrongPassphrase = 3;
    public const int Wallet = 4;
    public const int InsufficientFunds = 5;
    public const int UnknownToken = 6;
    public const int NodeUnavailable = 7;
    public const int L1Unavailable = 8;
    public const int VerificationFailed = 9;
    public const int Rejected = 10;
    public const int Timeout = 11;
    public const int NotFound = 12;
    public const int NotReady = 13;
    public const int RevealKeyWrong = 14;
    public const int RevealPositionsWrong = 15;
    public const int Cancelled = 130;

    public static int For(ClientErrorKind kind) => kind switch
    {
        ClientErrorKind.Usage => Usage,
        ClientErrorKind.WrongPassphrase => WrongPassphrase,
        ClientErrorKind.Wallet => Wallet,
        ClientErrorKind.InsufficientFunds => InsufficientFunds,
        ClientErrorKind.UnknownToken => UnknownToken,
        ClientErrorKind.NodeUnavailable => NodeUnavailable,
        ClientErrorKind.L1Unavailable => L1Unavailable,
        ClientErrorKind.VerificationFailed => VerificationFailed,
        ClientErrorKind.Rejected => Rejected,
        ClientErrorKind.Timeout => Timeout,
        ClientErrorKind.NotFound => NotFound,
        ClientErrorKind.NotReady => NotReady,
        ClientErrorKind.RevealKeyWrong => RevealKeyWrong,
        ClientErrorKind.RevealPositionsWrong => RevealPositionsWrong,
        _ => InternalError,
    };

    /// <summary>The library's errors and the L1 client's own ones, as (code, kind name, message, hint).</summary>
    public static (int Code, string Kind, string Message, string Hint) Describe(Exception error) => error switch
    {
        ObscuroClientException e => (For(e.Kind), e.Kind.ToString(), e.Message, e.Hint),
        L1UnavailableException e => (L1Unavailable, nameof(ClientErrorKind.L1Unavailable), e.Message,
            "Start the devnet (./scripts/devnet.sh) or pass --l1 with a reachable L1 JSON-RPC endpoint."),
        L1TransactionTimeoutException e => (Timeout, nameof(ClientErrorKind.Timeout), e.Message,
            "The L1 transaction may still be included: check your L1 balance before sending it again."),
        ContractRevertException e => (Rejected, nameof(ClientErrorKind.Rejected), $"An L1 contract refused: {e.Reason}.", string.Empty),
        RpcException e => (Rejected, nameof(ClientErrorKind.Rejected), $"The L1 node refused the request: {e.Message}",
            "Check the account's L1 balance and pending transactions, then try again."),
        OperationCanceledException => (Cancelled, "Cancelled", "Cancelled.", string.Empty),
        _ => (InternalError, "InternalError", $"Unexpected error ({error.GetType().Name}): {error.Message}",
            "This is a bug in obscuro: please report it with the command you ran (never include your passphrase or keys)."),
    };
}
