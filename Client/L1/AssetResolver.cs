using Obscuro.Client.Amounts;
using Obscuro.Client.Errors;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.L1;

/// <summary>
/// Turns what a user names ("ETH", a token symbol, a token address) into an <see cref="Asset"/>, accepting only ETH
/// and tokens the bridge allow-lists now. Symbols and decimals are read from the token contract on L1.
/// </summary>
public sealed class AssetResolver
{
    private readonly L1Network _l1;

    public AssetResolver(L1Network l1)
    {
        ArgumentNullException.ThrowIfNull(l1);
        _l1 = l1;
    }

    public async Task<Asset> ResolveAsync(string? name, CancellationToken cancellationToken = default)
    {
        var text = (name ?? string.Empty).Trim();
        if (text.Length == 0 || string.Equals(text, Asset.Eth.Symbol, StringComparison.OrdinalIgnoreCase))
        {
            return Asset.Eth;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var address = UserInput.ParseAddress(text, "token");
            var config = await _l1.Bridge.TokensAsync(address, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!config.Allowed)
            {
                throw new UnknownTokenException(
                    $"Token {address.ToChecksumString()} is not allow-listed on the bridge.",
                    await AllowListHintAsync(cancellationToken).ConfigureAwait(false));
            }

            return await DescribeAsync(address, cancellationToken).ConfigureAwait(false);
        }

        foreach (var token in await _l1.GetAllowListedTokensAsync(cancellationToken).ConfigureAwait(false))
        {
            var asset = await DescribeAsync(token, cancellationToken).ConfigureAwait(false);
            if (string.Equals(asset.Symbol, text, StringComparison.OrdinalIgnoreCase))
            {
                return asset;
            }
        }

        throw new UnknownTokenException($"No allow-listed token has the symbol '{text}'.", await AllowListHintAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every asset the bridge accepts now: ETH first, then the allow-listed tokens.</summary>
    public async Task<IReadOnlyList<Asset>> ListAsync(CancellationToken cancellationToken = default)
    {
        var assets = new List<Asset> { Asset.Eth };
        foreach (var token in await _l1.GetAllowListedTokensAsync(cancellationToken).ConfigureAwait(false))
        {
            assets.Add(await DescribeAsync(token, cancellationToken).ConfigureAwait(false));
        }

        return assets;
    }

    private async Task<Asset> DescribeAsync(Address token, CancellationToken cancellationToken)
    {
        var erc20 = new Erc20Token(token, _l1.Rpc);
        try
        {
            var decimals = await erc20.DecimalsAsync(cancellationToken).ConfigureAwait(false);
            if (decimals > TokenAmount.MaxDecimals)
            {
                throw new UnknownTokenException($"Token {token.ToChecksumString()} declares {decimals} decimals, more than any amount can be shown with.", "Use another token.");
            }

            return new Asset(await erc20.SymbolAsync(cancellationToken).ConfigureAwait(false), (int)decimals, token);
        }
        catch (Exception e) when (e is RpcException or AbiException)
        {
            throw new UnknownTokenException($"Token {token.ToChecksumString()} does not answer the ERC-20 symbol() and decimals() calls: {e.Message}", "Use a standard ERC-20 token.", e);
        }
    }

    private async Task<string> AllowListHintAsync(CancellationToken cancellationToken)
    {
        var assets = await ListAsync(cancellationToken).ConfigureAwait(false);
        return $"Use one of: {string.Join(", ", assets)}.";
    }
}
