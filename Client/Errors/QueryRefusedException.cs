using Obscuro.Protocol.Queries;

namespace Obscuro.Client.Errors;

/// <summary>
/// The node could not even open or check a query (<see cref="Reason"/>), so it answered unencrypted; or the enclave
/// answered a verified "not ok" (<see cref="QueryRejection.None"/> with the enclave's error as the message).
/// </summary>
public sealed class QueryRefusedException : ObscuroClientException
{
    public QueryRefusedException()
        : base(ClientErrorKind.Rejected, "The node refused the query.", string.Empty)
    {
    }

    public QueryRefusedException(string message)
        : base(ClientErrorKind.Rejected, message, string.Empty)
    {
    }

    public QueryRefusedException(string message, Exception innerException)
        : base(ClientErrorKind.Rejected, message, string.Empty, innerException)
    {
    }

    public QueryRefusedException(QueryRejection reason, string message, string hint)
        : base(ClientErrorKind.Rejected, message, hint)
    {
        Reason = reason;
    }

    public QueryRejection Reason { get; }
}
