using System.Text.Json;
using System.Text.Json.Nodes;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Host;

/// <summary>
/// Reads only the linkage of L1 blocks (hash, parent hash, number) with <c>eth_getBlockByNumber(tag, false)</c>: the
/// watcher polls it several times a second, and the full block with its transactions is fetched only by whoever needs
/// the contents (and verified there).
/// </summary>
internal static class L1Headers
{
    /// <summary>The block at <paramref name="block"/>, or null when the node has none there.</summary>
    public static async Task<L1BlockNotice?> GetAsync(EthRpcClient rpc, BlockTag block, CancellationToken cancellationToken)
    {
        var result = await rpc.RequestAsync("eth_getBlockByNumber", [JsonValue.Create(block.ToString()), JsonValue.Create(false)], cancellationToken).ConfigureAwait(false);
        if (result.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (result.ValueKind != JsonValueKind.Object
            || !result.TryGetProperty("hash", out var hash) || hash.ValueKind != JsonValueKind.String
            || !result.TryGetProperty("parentHash", out var parent) || parent.ValueKind != JsonValueKind.String
            || !result.TryGetProperty("number", out var number) || number.ValueKind != JsonValueKind.String)
        {
            throw new RpcProtocolException($"eth_getBlockByNumber({block}) answered without a hash, parentHash and number.");
        }

        return new L1BlockNotice(Hash256.Parse(hash.GetString()!), Hash256.Parse(parent.GetString()!), HexQuantity.ParseUInt64(number.GetString()!));
    }
}
