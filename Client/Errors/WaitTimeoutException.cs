namespace Obscuro.Client.Errors;

/// <summary>A wait passed its deadline (L1 inclusion, payability). The outcome is unknown: the operation may still complete.</summary>
public sealed class WaitTimeoutException : ObscuroClientException
{
    public WaitTimeoutException()
        : base(ClientErrorKind.Timeout, "Timed out.", string.Empty)
    {
    }

    public WaitTimeoutException(string message)
        : base(ClientErrorKind.Timeout, message, string.Empty)
    {
    }

    public WaitTimeoutException(string message, Exception innerException)
        : base(ClientErrorKind.Timeout, message, string.Empty, innerException)
    {
    }

    public WaitTimeoutException(string message, string hint, Exception? innerException = null)
        : base(ClientErrorKind.Timeout, message, hint, innerException)
    {
    }
}
