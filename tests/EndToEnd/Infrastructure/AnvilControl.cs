using System.Text.Json;
using System.Text.Json.Nodes;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>anvil's dev RPCs, for tests that drive the L1: balances, mining, automine, and its transaction pool.</summary>
public sealed class AnvilControl(EthRpcClient rpc)
{
    public Task SetBalanceAsync(Address account, UInt256 wei) =>
        rpc.RequestAsync("anvil_setBalance", [account.ToString(), Quantity(wei)]);

    /// <summary>Mines <paramref name="blocks"/> blocks now, whatever the mining mode.</summary>
    public Task MineAsync(int blocks = 1) =>
        rpc.RequestAsync("anvil_mine", [Quantity(new UInt256((ulong)blocks))]);

    /// <summary>With automine off (and no interval mining) a transaction waits in the pool until <see cref="MineAsync"/>.</summary>
    public Task SetAutomineAsync(bool on) => rpc.RequestAsync("evm_setAutomine", [on]);

    /// <summary>The transactions waiting in anvil's pool: (hash, to, input).</summary>
    public async Task<IReadOnlyList<(Hash256 Hash, Address? To, byte[] Input)>> PendingAsync()
    {
        var content = await rpc.RequestAsync("txpool_content", []);
        var pending = new List<(Hash256, Address?, byte[])>();
        foreach (var sender in content.GetProperty("pending").EnumerateObject())
        {
            foreach (var byNonce in sender.Value.EnumerateObject())
            {
                var transaction = byNonce.Value;
                var to = transaction.TryGetProperty("to", out var toValue) && toValue.ValueKind == JsonValueKind.String ? Address.Parse(toValue.GetString()!) : (Address?)null;
                pending.Add((Hash256.Parse(transaction.GetProperty("hash").GetString()!), to, Hex.Decode(transaction.GetProperty("input").GetString()!)));
            }
        }

        return pending;
    }

    private static JsonValue Quantity(UInt256 value) => JsonValue.Create(value.ToHexQuantity());
}
