using System.Globalization;
using Obscuro.Client.Errors;

namespace Obscuro.Client.Configuration;

/// <summary>A node's client gateway: <c>host:port</c> (IPv6 hosts in brackets, <c>[::1]:30000</c>).</summary>
public sealed record GatewayAddress(string Host, int Port)
{
    /// <summary>Parses <c>host:port[,host:port…]</c>, as given to <c>--node</c>.</summary>
    public static IReadOnlyList<GatewayAddress> ParseList(string? text)
    {
        var parts = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new InputFormatException("No gateway was given.", "Give the node's gateways as host:port, several separated by commas, e.g. 127.0.0.1:30000.");
        }

        return parts.Select(Parse).ToList();
    }

    public static GatewayAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        var host = colon > 0 ? text[..colon] : string.Empty;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (host.Length == 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InputFormatException($"'{text}' is not a gateway address.", "Write host:port with a port from 1 to 65535, e.g. 127.0.0.1:30000.");
        }

        return new GatewayAddress(host, port);
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
