using System.Buffers.Binary;
using System.Text.Json;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Blocks;
using Obscuro.Protocol.Ethereum.Receipts;

namespace Obscuro.Protocol.Tests.Ethereum.Blocks;

/// <summary>Builds a <see cref="BlockHeader"/> from a JSON-RPC block object, taking exactly the optional fields present.</summary>
internal static class HeaderJson
{
    public static (BlockHeader Header, Hash256 Hash) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var block = document.RootElement;
        string Text(string name) => block.GetProperty(name).GetString()!;
        string? Optional(string name) => block.TryGetProperty(name, out var value) ? value.GetString() : null;
        var nonce = new byte[8];
        Hex.DecodeExact(Text("nonce"), nonce);

        var header = new BlockHeader
        {
            ParentHash = Hash256.Parse(Text("parentHash")),
            Sha3Uncles = Hash256.Parse(Text("sha3Uncles")),
            Miner = Address.Parse(Text("miner")),
            StateRoot = Hash256.Parse(Text("stateRoot")),
            TransactionsRoot = Hash256.Parse(Text("transactionsRoot")),
            ReceiptsRoot = Hash256.Parse(Text("receiptsRoot")),
            LogsBloom = Bloom.Parse(Text("logsBloom")),
            Difficulty = UInt256.Parse(Text("difficulty")),
            Number = UInt256.Parse(Text("number")).ToUInt64(),
            GasLimit = UInt256.Parse(Text("gasLimit")).ToUInt64(),
            GasUsed = UInt256.Parse(Text("gasUsed")).ToUInt64(),
            Timestamp = UInt256.Parse(Text("timestamp")).ToUInt64(),
            ExtraData = Hex.Decode(Text("extraData")),
            MixHash = Hash256.Parse(Text("mixHash")),
            Nonce = BinaryPrimitives.ReadUInt64BigEndian(nonce),
            BaseFeePerGas = Optional("baseFeePerGas") is { } baseFee ? UInt256.Parse(baseFee) : null,
            WithdrawalsRoot = Optional("withdrawalsRoot") is { } withdrawalsRoot ? Hash256.Parse(withdrawalsRoot) : null,
            BlobGasUsed = Optional("blobGasUsed") is { } blobGasUsed ? UInt256.Parse(blobGasUsed).ToUInt64() : null,
            ExcessBlobGas = Optional("excessBlobGas") is { } excessBlobGas ? UInt256.Parse(excessBlobGas).ToUInt64() : null,
            ParentBeaconBlockRoot = Optional("parentBeaconBlockRoot") is { } beaconRoot ? Hash256.Parse(beaconRoot) : null,
            RequestsHash = Optional("requestsHash") is { } requestsHash ? Hash256.Parse(requestsHash) : null,
        };
        return (header, Hash256.Parse(Text("hash")));
    }
}
