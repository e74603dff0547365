using System.Text.Json;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>Writes the structured parameters of JSON-RPC requests.</summary>
internal static class RpcJsonWriter
{
    public static void WriteCall(Utf8JsonWriter writer, CallRequest call)
    {
        writer.WriteStartObject();
        if (call.From is { } from) writer.WriteString("from", from.ToString());
        if (call.To is { } to) writer.WriteString("to", to.ToString());
        if (call.Gas is { } gas) writer.WriteString("gas", HexQuantity.Format(gas));
        if (call.GasPrice is { } gasPrice) writer.WriteString("gasPrice", gasPrice.ToHexQuantity());
        if (call.MaxFeePerGas is { } maxFee) writer.WriteString("maxFeePerGas", maxFee.ToHexQuantity());
        if (call.MaxPriorityFeePerGas is { } priorityFee) writer.WriteString("maxPriorityFeePerGas", priorityFee.ToHexQuantity());
        if (call.Value is { } value) writer.WriteString("value", value.ToHexQuantity());

        // "input" is the current name; older nodes only read "data". Both carry the same bytes, which every node accepts.
        var input = Hex.Encode(call.Input.Span);
        writer.WriteString("input", input);
        writer.WriteString("data", input);
        if (call.AccessList is { } accessList)
        {
            writer.WriteStartArray("accessList");
            foreach (var entry in accessList)
            {
                writer.WriteStartObject();
                writer.WriteString("address", entry.Address.ToString());
                writer.WriteStartArray("storageKeys");
                foreach (var key in entry.StorageKeys)
                {
                    writer.WriteStringValue(key.ToString());
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    public static void WriteFilter(Utf8JsonWriter writer, LogFilter filter)
    {
        writer.WriteStartObject();
        if (filter.BlockHash is { } blockHash) writer.WriteString("blockHash", blockHash.ToString());
        if (filter.FromBlock is { } fromBlock) writer.WriteString("fromBlock", fromBlock.ToString());
        if (filter.ToBlock is { } toBlock) writer.WriteString("toBlock", toBlock.ToString());
        if (filter.Addresses.Count == 1)
        {
            writer.WriteString("address", filter.Addresses[0].ToString());
        }
        else if (filter.Addresses.Count > 1)
        {
            writer.WriteStartArray("address");
            foreach (var address in filter.Addresses)
            {
                writer.WriteStringValue(address.ToString());
            }

            writer.WriteEndArray();
        }

        if (filter.Topics.Count > 0)
        {
            writer.WriteStartArray("topics");
            foreach (var position in filter.Topics)
            {
                if (position is null || position.Count == 0)
                {
                    writer.WriteNullValue();
                }
                else if (position.Count == 1)
                {
                    writer.WriteStringValue(position[0].ToString());
                }
                else
                {
                    writer.WriteStartArray();
                    foreach (var topic in position)
                    {
                        writer.WriteStringValue(topic.ToString());
                    }

                    writer.WriteEndArray();
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
