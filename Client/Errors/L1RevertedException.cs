namespace Obscuro.Client.Errors;

/// <summary>An L1 transaction was refused by a contract; the message names the contract's error.</summary>
public sealed class L1RevertedException : ObscuroClientException
{
    public L1RevertedException()
        : base(ClientErrorKind.Rejected, "The L1 transaction reverted.", string.Empty)
    {
    }

    public L1RevertedException(string message)
        : base(ClientErrorKind.Rejected, message, string.Empty)
    {
    }

    public L1RevertedException(string message, Exception innerException)
        : base(ClientErrorKind.Rejected, message, string.Empty, innerException)
    {
    }

    public L1RevertedException(string message, string hint, Exception? innerException = null)
        : base(ClientErrorKind.Rejected, message, hint, innerException)
    {
    }
}
