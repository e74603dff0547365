namespace Obscuro.Protocol.Queries;

/// <summary>A query failed its checks; <see cref="Reason"/> is machine-readable, the message names no secret.</summary>
public sealed class QueryRejectedException : Exception
{
    public QueryRejectedException(QueryRejection reason, string message) : base(message) => Reason = reason;

    public QueryRejectedException() : base("Query rejected.") { }

    public QueryRejectedException(string message) : base(message) { }

    public QueryRejectedException(string message, Exception innerException) : base(message, innerException) { }

    public QueryRejection Reason { get; }
}
