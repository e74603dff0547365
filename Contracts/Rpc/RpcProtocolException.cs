namespace Obscuro.Contracts.Rpc;

/// <summary>
/// The node's answer is not valid JSON-RPC or does not have the shape the method defines: malformed JSON, a wrong
/// id, a missing field, a hex value that does not parse, an unexpected HTTP status. Not retried: asking again would
/// not make a misbehaving node behave.
/// </summary>
public sealed class RpcProtocolException : Exception
{
    public RpcProtocolException()
        : base("The L1 node sent an invalid JSON-RPC response.")
    {
    }

    public RpcProtocolException(string message)
        : base(message)
    {
    }

    public RpcProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
