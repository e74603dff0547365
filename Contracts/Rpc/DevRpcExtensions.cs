using System.Text.Json;
using System.Text.Json.Nodes;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>
/// The development RPCs of anvil that make real-L1 tests possible: mining on demand, snapshots, balances and reorgs.
/// A production L1 node rejects them (method not found).
/// </summary>
public static class DevRpcExtensions
{
    /// <summary>Mines <paramref name="blocks"/> blocks at once (<c>anvil_mine</c>).</summary>
    public static Task MineAsync(this EthRpcClient client, ulong blocks = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RequestAsync("anvil_mine", [HexQuantity.Format(blocks)], cancellationToken);
    }

    /// <summary>Snapshots the chain state (<c>evm_snapshot</c>) and returns the snapshot's id.</summary>
    public static async Task<string> SnapshotAsync(this EthRpcClient client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await client.RequestAsync("evm_snapshot", [], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.String
            ? result.GetString()!
            : throw new RpcProtocolException($"evm_snapshot result: expected a snapshot id string, got {result.ValueKind}.");
    }

    /// <summary>Returns the chain to a snapshot (<c>evm_revert</c>); false when the node did not know the snapshot.</summary>
    public static async Task<bool> RevertToSnapshotAsync(this EthRpcClient client, string snapshotId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await client.RequestAsync("evm_revert", [snapshotId], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.True;
    }

    /// <summary>Sets an account's balance (<c>anvil_setBalance</c>).</summary>
    public static Task SetBalanceAsync(this EthRpcClient client, Address account, UInt256 balance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.RequestAsync("anvil_setBalance", [account.ToString(), balance.ToHexQuantity()], cancellationToken);
    }

    /// <summary>Replaces the last <paramref name="depth"/> blocks with as many new, empty blocks (<c>anvil_reorg</c>).</summary>
    public static Task ReorgAsync(this EthRpcClient client, ulong depth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);

        // anvil wants the depth as a JSON number, not a hex quantity.
        return client.RequestAsync("anvil_reorg", [JsonValue.Create(depth), new JsonArray()], cancellationToken);
    }
}
