namespace Obscuro.Client.Errors;

/// <summary>The passphrase does not open this keystore file (its passphrase check does not match).</summary>
public sealed class WrongPassphraseException : ObscuroClientException
{
    public WrongPassphraseException()
        : base(ClientErrorKind.WrongPassphrase, "The passphrase is wrong.", string.Empty)
    {
    }

    public WrongPassphraseException(string message)
        : base(ClientErrorKind.WrongPassphrase, message, string.Empty)
    {
    }

    public WrongPassphraseException(string message, Exception innerException)
        : base(ClientErrorKind.WrongPassphrase, message, string.Empty, innerException)
    {
    }

    public WrongPassphraseException(string message, string hint, Exception? innerException = null)
        : base(ClientErrorKind.WrongPassphrase, message, hint, innerException)
    {
    }
}
