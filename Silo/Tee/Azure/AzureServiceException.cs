namespace Obscuro.Silo.Tee.Azure;

/// <summary>
/// An Azure service (Key Vault / Managed HSM, Azure Attestation, IMDS) refused a request. Carries the HTTP status and
/// the service's own <c>error.code</c> and <c>error.message</c> (or the <c>x-ms-error-code</c> header); never the
/// request body, which may carry key material.
/// </summary>
public sealed class AzureServiceException : Exception
{
    public AzureServiceException()
        : base("An Azure service refused the request.")
    {
        Service = string.Empty;
        Operation = string.Empty;
    }

    public AzureServiceException(string message)
        : base(message)
    {
        Service = string.Empty;
        Operation = string.Empty;
    }

    public AzureServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Service = string.Empty;
        Operation = string.Empty;
    }

    public AzureServiceException(string service, string operation, int status, string? errorCode, string? serviceMessage)
        : base($"{service} {operation} failed: HTTP {status}{(errorCode is null ? string.Empty : $", {errorCode}")}{(serviceMessage is null ? string.Empty : $": {serviceMessage}")}")
    {
        Service = service;
        Operation = operation;
        Status = status;
        ErrorCode = errorCode;
        ServiceMessage = serviceMessage;
    }

    public string Service { get; }

    public string Operation { get; }

    /// <summary>The HTTP status; 0 when the service answered 2xx with a body this client cannot use.</summary>
    public int Status { get; }

    public string? ErrorCode { get; }

    public string? ServiceMessage { get; }
}
