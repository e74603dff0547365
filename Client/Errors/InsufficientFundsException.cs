namespace Obscuro.Client.Errors;

/// <summary>The account cannot pay: <see cref="Required"/> (amount plus fee or gas) exceeds <see cref="Available"/>.</summary>
public sealed class InsufficientFundsException : ObscuroClientException
{
    public InsufficientFundsException()
        : base(ClientErrorKind.InsufficientFunds, "Insufficient funds.", string.Empty)
    {
    }

    public InsufficientFundsException(string message)
        : base(ClientErrorKind.InsufficientFunds, message, string.Empty)
    {
    }

    public InsufficientFundsException(string message, Exception innerException)
        : base(ClientErrorKind.InsufficientFunds, message, string.Empty, innerException)
    {
    }

    public InsufficientFundsException(string message, string hint, string available, string required, Exception? innerException = null)
        : base(ClientErrorKind.InsufficientFunds, message, hint, innerException)
    {
        Available = available;
        Required = required;
    }

    /// <summary>What the account holds, formatted with its unit (empty when the node only said "insufficient").</summary>
    public string Available { get; } = string.Empty;

    /// <summary>What the operation needs, formatted with its unit.</summary>
    public string Required { get; } = string.Empty;
}
