namespace Obscuro.Client.Errors;

/// <summary>The transaction or withdrawal asked about is not known (to this account, on L1).</summary>
public sealed class NotFoundException : ObscuroClientException
{
    public NotFoundException()
        : base(ClientErrorKind.NotFound, "Not found.", string.Empty)
    {
    }

    public NotFoundException(string message)
        : base(ClientErrorKind.NotFound, message, string.Empty)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(ClientErrorKind.NotFound, message, string.Empty, innerException)
    {
    }

    public NotFoundException(string message, string hint, Exception? innerException = null)
        : base(ClientErrorKind.NotFound, message, hint, innerException)
    {
    }
}
