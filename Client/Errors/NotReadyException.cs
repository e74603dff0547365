namespace Obscuro.Client.Errors;

/// <summary>The deployment file is missing or does not match the L1, or the network cannot do this yet (not initialised, withdrawals locked).</summary>
public sealed class NotReadyException : ObscuroClientException
{
    public NotReadyException()
        : base(ClientErrorKind.NotReady, "The network is not ready.", string.Empty)
    {
    }

    public NotReadyException(string message)
        : base(ClientErrorKind.NotReady, message, string.Empty)
    {
    }

    public NotReadyException(string message, Exception innerException)
        : base(ClientErrorKind.NotReady, message, string.Empty, innerException)
    {
    }

    public NotReadyException(string message, string hint, Exception? innerException = null)
        : base(ClientErrorKind.NotReady, message, hint, innerException)
    {
    }
}
