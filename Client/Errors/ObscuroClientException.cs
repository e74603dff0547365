namespace Obscuro.Client.Errors;

/// <summary>
/// A failure the user can act on. <see cref="Exception.Message"/> says what happened and <see cref="Hint"/> what to do
/// about it. Neither ever contains a private key, a viewing key or a passphrase.
/// </summary>
public class ObscuroClientException : Exception
{
    public ObscuroClientException()
        : this(ClientErrorKind.Rejected, "The operation failed.", string.Empty)
    {
    }

    public ObscuroClientException(string message)
        : this(ClientErrorKind.Rejected, message, string.Empty)
    {
    }

    public ObscuroClientException(string message, Exception innerException)
        : this(ClientErrorKind.Rejected, message, string.Empty, innerException)
    {
    }

    public ObscuroClientException(ClientErrorKind kind, string message, string hint, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Hint = hint;
    }

    public ClientErrorKind Kind { get; }

    /// <summary>What the user should do next; empty when there is nothing better than the message.</summary>
    public string Hint { get; }
}
