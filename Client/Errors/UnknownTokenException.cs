namespace Obscuro.Client.Errors;

/// <summary>The asset is neither ETH nor a token allow-listed on the bridge.</summary>
public sealed class UnknownTokenException : ObscuroClientException
{
    public UnknownTokenException()
        : base(ClientErrorKind.UnknownToken, "The token is not known.", string.Empty)
    {
    }

    public UnknownTokenException(string message)
        : base(ClientErrorKind.UnknownToken, message, string.Empty)
    {
    }

    public UnknownTokenException(string message, Exception innerException)
        : base(ClientErrorKind.UnknownToken, message, string.Empty, innerException)
    {
    }

    public UnknownTokenException(string message, string hint, Exception? innerException = null)
        : base(ClientErrorKind.UnknownToken, message, hint, innerException)
    {
    }
}
