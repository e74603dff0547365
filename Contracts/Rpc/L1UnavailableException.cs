namespace Obscuro.Contracts.Rpc;

/// <summary>
/// The L1 node could not be reached: every attempt failed with a transport error (connection refused or reset, an
/// HTTP 5xx, 408 or 429, or no answer within the request timeout). The endpoint is named without its path and query,
/// which for hosted nodes often hold an API key.
/// </summary>
public sealed class L1UnavailableException : Exception
{
    public L1UnavailableException()
        : base("The L1 node is unavailable.")
    {
        Endpoint = string.Empty;
    }

    public L1UnavailableException(string message)
        : base(message)
    {
        Endpoint = string.Empty;
    }

    public L1UnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Endpoint = string.Empty;
    }

    public L1UnavailableException(string endpoint, string method, int attempts, TimeSpan elapsed, Exception lastError)
        : base($"L1 node {endpoint} is unavailable: {method} failed {attempts} time(s) over {elapsed.TotalSeconds:0.0}s; last error: {lastError?.Message}", lastError)
    {
        Endpoint = endpoint;
        Method = method;
        Attempts = attempts;
    }

    /// <summary>The node's scheme, host and port.</summary>
    public string Endpoint { get; }

    public string? Method { get; }

    public int Attempts { get; }
}
