namespace Obscuro.Client.Errors;

/// <summary>No gateway of the node answers, or the node cannot serve the call now (its enclave is down, it is starting).</summary>
public sealed class NodeUnavailableException : ObscuroClientException
{
    public NodeUnavailableException()
        : base(ClientErrorKind.NodeUnavailable, "The node is unavailable.", string.Empty)
    {
    }

    public NodeUnavailableException(string message)
        : base(ClientErrorKind.NodeUnavailable, message, string.Empty)
    {
    }

    public NodeUnavailableException(string message, Exception innerException)
        : base(ClientErrorKind.NodeUnavailable, message, string.Empty, innerException)
    {
    }

    public NodeUnavailableException(string message, string hint, Exception? innerException = null)
        : base(ClientErrorKind.NodeUnavailable, message, hint, innerException)
    {
    }
}
