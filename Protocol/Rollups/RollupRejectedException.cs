namespace Obscuro.Protocol.Rollups;

/// <summary>A rollup failed validation; <see cref="Reason"/> is machine-readable, the message precise.</summary>
public sealed class RollupRejectedException : Exception
{
    public RollupRejectedException(RollupRejection reason, string message) : base(message) => Reason = reason;

    public RollupRejectedException() : base("Rollup rejected.") { }

    public RollupRejectedException(string message) : base(message) { }

    public RollupRejectedException(string message, Exception innerException) : base(message, innerException) { }

    public RollupRejection Reason { get; }
}
