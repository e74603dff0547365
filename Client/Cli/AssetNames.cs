using Obscuro.Client.Amounts;

namespace Obscuro.Cli;

/// <summary>How <c>--asset</c> names ETH: left out, or "ETH" in any case.</summary>
internal static class AssetNames
{
    public static bool IsEth(string? name) => string.IsNullOrWhiteSpace(name) || string.Equals(name.Trim(), Asset.Eth.Symbol, StringComparison.OrdinalIgnoreCase);
}
