using System.Text.Json.Nodes;
using Obscuro.Contracts.Artifacts;
using Obscuro.Contracts.Rpc;
using Obscuro.Contracts.Tests.Anvil;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Devnet;

namespace Obscuro.Contracts.Tests.Rpc;

/// <summary>Which header fields a block has depends on the chain's fork; the client reports exactly those.</summary>
public sealed class HardforkHeaderTests
{
    [Fact]
    public async Task A_cancun_chain_has_no_requests_hash()
    {
        await using var anvil = await AnvilProcess.StartAsync(hardfork: "cancun");
        using var http = new HttpClient();
        var client = anvil.CreateClient(http);

        var block = await client.GetBlockByNumberAsync(BlockTag.Latest);

        Assert.NotNull(block);
        Assert.NotNull(block.ParentBeaconBlockRoot);
        Assert.NotNull(block.BlobGasUsed);
        Assert.Null(block.RequestsHash);
    }

    [Fact]
    public async Task A_prague_chain_like_mainnet_has_a_requests_hash_and_runs_our_bytecode()
    {
        await using var anvil = await AnvilProcess.StartAsync(hardfork: "prague");
        using var http = new HttpClient();
        var client = anvil.CreateClient(http);
        var probe = ContractArtifacts.Embedded.Get("AbiProbe");

        var sent = await client.RequestAsync("eth_sendTransaction", [new JsonObject
        {
            ["from"] = AnvilFixture.DevAccount.ToString(),
            ["input"] = Hex.Encode(probe.EncodeDeployment()),
        }]);
        var receipt = await client.WaitForReceiptAsync(Hash256.Parse(sent.GetString()!));
        var echo = probe.Abi.GetFunction("echoString");
        var output = await client.CallAsync(CallRequest.Create(receipt.ContractAddress!.Value, echo.EncodeCall("prague")), BlockTag.Latest);
        var block = await client.GetBlockByNumberAsync(BlockTag.Latest);

        Assert.True(receipt.Succeeded);
        Assert.Equal("prague", echo.DecodeOutput(output)[0]);
        Assert.NotNull(block!.RequestsHash);
    }
}
