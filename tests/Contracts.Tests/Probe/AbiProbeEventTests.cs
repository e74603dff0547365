using System.Numerics;
using System.Text;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Rpc;
using Obscuro.Contracts.Tests.Anvil;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Probe;

/// <summary>Logs emitted by AbiProbe, read from receipts and from eth_getLogs, decoded against its ABI.</summary>
[Collection(SharedAnvil.Name)]
public sealed class AbiProbeEventTests
{
    private static readonly byte[] Blob = [0xde, 0xad, 0xbe, 0xef];
    private readonly AnvilFixture _fixture;

    public AbiProbeEventTests(AnvilFixture fixture)
    {
        _fixture = fixture;
    }

    private ContractAbi Abi => _fixture.AbiProbe.Abi;

    [Fact]
    public async Task Receipt_logs_decode_with_indexed_and_data_arguments()
    {
        var receipt = await EmitAsync(7, "hello");

        Assert.True(receipt.Succeeded);
        Assert.Equal(4, receipt.Logs.Count);
        Assert.All(receipt.Logs, log => Assert.Equal(_fixture.AbiProbeAddress, log.Address));

        var probed = receipt.Logs[0].Decode(Abi)!;
        Assert.Equal("Probed", probed.Name);
        Assert.Equal(AnvilFixture.DevAccount, probed.Arguments["sender"]);
        Assert.Equal(new UInt256(7), probed.Arguments["value"]);
        Assert.Equal(Keccak256.Hash(Encoding.UTF8.GetBytes("hello")), probed.Arguments["label"]); // an indexed string is its hash
        Assert.Equal(Blob, probed.Arguments["data"]);
        var inner = probed.Arguments.Get<AbiTuple>("inner");
        Assert.Equal(new UInt256(9), inner["id"]);
        Assert.Equal("in", inner["label"]);

        var values = receipt.Logs[1].Decode(Abi)!;
        Assert.Equal("Values", values.Name);
        Assert.Equal(new UInt256(7), values.Arguments["small"]);
        Assert.Equal(new BigInteger(-7), values.Arguments["negative"]);
        Assert.Equal(Keccak256.HashToArray("hello"u8), values.Arguments["tag"]); // an indexed bytes32 is the value itself
        Assert.Equal("hello", values.Arguments["text"]);
        Assert.Equal(2, values.Arguments.Get<IReadOnlyList<object>>("numbers").Count);
    }

    [Fact]
    public async Task Indexed_structs_arrays_and_bytes_are_topics_we_can_compute()
    {
        var receipt = await EmitAsync(1, "x");
        var hashed = Abi.GetEvent("Hashed");

        var decoded = receipt.Logs[2].Decode(Abi)!;

        Assert.Equal("Hashed", decoded.Name);
        Assert.Equal(hashed.EncodeTopic("point", new AbiTuple(-1, 2)), decoded.Arguments["point"]);
        Assert.Equal(hashed.EncodeTopic("list", new object[] { 1, 2, 3 }), decoded.Arguments["list"]);
        Assert.Equal(hashed.EncodeTopic("blob", Blob), decoded.Arguments["blob"]);
        Assert.Equal(Keccak256.Hash(Blob), decoded.Arguments["blob"]);
    }

    [Fact]
    public async Task Anonymous_events_have_no_signature_topic_and_decode_by_event()
    {
        var receipt = await EmitAsync(3, "anon");
        var log = receipt.Logs[3];

        Assert.Null(log.Decode(Abi));
        var decoded = log.Decode(Abi.GetEvent("Anonymous"));
        Assert.Single(log.Topics);
        Assert.Equal(AnvilFixture.DevAccount, decoded.Arguments["sender"]);
        Assert.Equal(new UInt256(3), decoded.Arguments["value"]);
    }

    [Fact]
    public async Task GetLogs_filters_by_address_topics_alternatives_and_block()
    {
        var receipt = await EmitAsync(11, "filter me");
        var probed = Abi.GetEvent("Probed");
        var values = Abi.GetEvent("Values");
        var block = BlockTag.At(receipt.BlockNumber);

        var byTopics = await _fixture.Client.GetLogsAsync(LogFilter.ForRange(block, block)
            .WithAddresses(_fixture.AbiProbeAddress)
            .WithTopics([probed.Topic0], [probed.EncodeTopic("sender", AnvilFixture.DevAccount)], null, [probed.EncodeTopic("label", "filter me")]));
        var eitherEvent = await _fixture.Client.GetLogsAsync(LogFilter.ForBlock(receipt.BlockHash).WithTopics([probed.Topic0, values.Topic0]));
        var otherLabel = await _fixture.Client.GetLogsAsync(LogFilter.ForRange(block, block).WithTopics([probed.Topic0], null, null, [probed.EncodeTopic("label", "other")]));
        var otherAddress = await _fixture.Client.GetLogsAsync(LogFilter.ForRange(block, block).WithAddresses(AnvilFixture.DevAccount));

        var log = Assert.Single(byTopics);
        Assert.Equal(receipt.Logs[0].Data.ToArray(), log.Data.ToArray());
        Assert.Equal(receipt.TransactionHash, log.TransactionHash);
        Assert.Equal(receipt.BlockHash, log.BlockHash);
        Assert.Equal(receipt.Logs[0].LogIndex, log.LogIndex);
        Assert.Equal(new UInt256(11), log.Decode(Abi)!.Arguments["value"]);
        Assert.Equal(["Probed", "Values"], eitherEvent.Select(l => l.Decode(Abi)!.Name));
        Assert.Empty(otherLabel);
        Assert.Empty(otherAddress);
    }

    private async Task<RpcReceipt> EmitAsync(ulong value, string label)
    {
        var emit = Abi.GetFunction("emitEvents");
        var inner = new AbiTuple(9UL, "in", new object[] { Keccak256.HashToArray("tag"u8) });
        return await _fixture.SendTransactionAsync(_fixture.AbiProbeAddress, emit.EncodeCall(value, label, Blob, inner));
    }
}
