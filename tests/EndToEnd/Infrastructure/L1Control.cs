using System.Text.Json.Nodes;
using Obscuro.Contracts.Rpc;

namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>What tests do to anvil beyond the JSON-RPC client's own dev calls: pause its interval mining, and reorganise exactly from a given block.</summary>
public static class L1Control
{
    /// <summary>Seconds between blocks; 0 stops interval mining (transactions then wait in the pool).</summary>
    public static Task SetIntervalMiningAsync(this EthRpcClient rpc, int seconds)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        return rpc.RequestAsync("evm_setIntervalMining", [JsonValue.Create(seconds)]);
    }

    /// <summary>
    /// Replaces block <paramref name="fromBlock"/> and every block after it with empty blocks (anvil_reorg keeps the
    /// height), with mining paused meanwhile so that the depth is exact, then mines at <paramref name="blockTimeSeconds"/> again.
    /// </summary>
    public static async Task<ulong> ReorgFromAsync(this EthRpcClient rpc, ulong fromBlock, int blockTimeSeconds)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        await rpc.SetIntervalMiningAsync(0);
        try
        {
            var head = await rpc.GetBlockNumberAsync();
            var depth = head - fromBlock + 1;
            await rpc.ReorgAsync(depth);
            return depth;
        }
        finally
        {
            await rpc.SetIntervalMiningAsync(blockTimeSeconds);
        }
    }
}
