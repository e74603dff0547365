namespace Obscuro.Contracts.Rpc;

/// <summary>Where the L1 node is and how hard to try to reach it (bindable from configuration).</summary>
public sealed class EthRpcOptions
{
    /// <summary>The node's JSON-RPC HTTP endpoint, e.g. <c>http://127.0.0.1:8545</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>How long one attempt may take, from sending the request to reading the whole answer.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per request (the first try included) before <see cref="L1UnavailableException"/>.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failed attempt; it doubles after each further failure.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest answer read; a bigger one is refused rather than buffered (full blocks are a few MB).</summary>
    public int MaxResponseBytes { get; set; } = 256 * 1024 * 1024;

    internal void Validate()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{nameof(Endpoint)} must be an absolute http or https URI, got '{Endpoint}'.");
        }

        if (RequestTimeout <= TimeSpan.Zero || MaxAttempts < 1 || InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff || MaxResponseBytes < 1024)
        {
            throw new ArgumentException(
                $"Invalid RPC options: {nameof(RequestTimeout)} must be positive, {nameof(MaxAttempts)} at least 1, " +
                $"0 <= {nameof(InitialBackoff)} <= {nameof(MaxBackoff)}, {nameof(MaxResponseBytes)} at least 1024.");
        }
    }
}
