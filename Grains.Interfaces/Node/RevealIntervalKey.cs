using System.Globalization;
using Obscuro.Protocol.Crypto;

namespace Obscuro.Grains.Node;

/// <summary>The key of an <see cref="IRevealIntervalGrain"/>: <c>{nodeId}/{option}/{interval}</c>, e.g. <c>node-1/S/12</c>.</summary>
public static class RevealIntervalKey
{
    public static string Format(string nodeId, RevealOption option, ulong interval)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        if (option > RevealOption.XL) throw new ArgumentOutOfRangeException(nameof(option), option, "Not a reveal option (XS, S, M, L or XL).");
        return string.Create(CultureInfo.InvariantCulture, $"{nodeId}/{option}/{interval}");
    }

    /// <exception cref="FormatException">The key is not of that shape.</exception>
    public static (string NodeId, RevealOption Option, ulong Interval) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var intervalAt = key.LastIndexOf('/');
        var optionAt = intervalAt > 0 ? key.LastIndexOf('/', intervalAt - 1) : -1;
        if (optionAt <= 0
            || !Enum.TryParse<RevealOption>(key.AsSpan(optionAt + 1, intervalAt - optionAt - 1), ignoreCase: false, out var option)
            || !Enum.IsDefined(option)
            || !char.IsLetter(key[optionAt + 1])
            || !ulong.TryParse(key.AsSpan(intervalAt + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var interval))
        {
            throw new FormatException($"'{key}' is not a reveal interval key ({{nodeId}}/{{XS|S|M|L|XL}}/{{interval}}).");
        }

        return (key[..optionAt], option, interval);
    }
}
