namespace Obscuro.Client.Errors;

/// <summary>Malformed user input: an amount, an address or its EIP-55 checksum, a hash, a gateway list.</summary>
public sealed class InputFormatException : ObscuroClientException
{
    public InputFormatException()
        : base(ClientErrorKind.Usage, "The input is not well-formed.", string.Empty)
    {
    }

    public InputFormatException(string message)
        : base(ClientErrorKind.Usage, message, string.Empty)
    {
    }

    public InputFormatException(string message, Exception innerException)
        : base(ClientErrorKind.Usage, message, string.Empty, innerException)
    {
    }

    public InputFormatException(string message, string hint, Exception? innerException = null)
        : base(ClientErrorKind.Usage, message, hint, innerException)
    {
    }
}
