namespace Obscuro.Protocol.Rollups;

/// <summary>A rollup body (blob or layout) is malformed or does not decrypt; the message says which part and why.</summary>
public sealed class RollupBodyException : FormatException
{
    public RollupBodyException(string message) : base("Invalid rollup body: " + message + ".") { }

    public RollupBodyException(string message, Exception innerException) : base("Invalid rollup body: " + message + ".", innerException) { }

    public RollupBodyException() : base("Invalid rollup body.") { }
}
