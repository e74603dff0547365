namespace Obscuro.Client.Errors;

/// <summary>A keystore problem other than the passphrase: no such account, an account that exists already, a file that is not a readable keystore or was altered.</summary>
public sealed class KeystoreException : ObscuroClientException
{
    public KeystoreException()
        : base(ClientErrorKind.Wallet, "The keystore cannot be used.", string.Empty)
    {
    }

    public KeystoreException(string message)
        : base(ClientErrorKind.Wallet, message, string.Empty)
    {
    }

    public KeystoreException(string message, Exception innerException)
        : base(ClientErrorKind.Wallet, message, string.Empty, innerException)
    {
    }

    public KeystoreException(string message, string hint, Exception? innerException = null)
        : base(ClientErrorKind.Wallet, message, hint, innerException)
    {
    }
}
