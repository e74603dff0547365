using System.Text.Json;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>
/// Reads typed values out of JSON-RPC result objects, strictly. Every failure is an <see cref="RpcProtocolException"/>
/// naming the field (e.g. <c>eth_getBlockByNumber result.transactions[3].gas</c>) and what is wrong with it.
/// </summary>
internal readonly struct RpcJsonReader
{
    private readonly JsonElement _object;
    private readonly string _context;

    public RpcJsonReader(JsonElement element, string context)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RpcProtocolException($"{context}: expected a JSON object, got {element.ValueKind}.");
        }

        _object = element;
        _context = context;
    }

    public static Hash256 HashElement(JsonElement element, string context) => ParseElement(element, context, ParseHash);

    public static UInt256 UInt256Element(JsonElement element, string context) => ParseElement(element, context, HexQuantity.ParseUInt256);

    public static double DoubleElement(JsonElement element, string context) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var value)
            ? value
            : throw new RpcProtocolException($"{context}: expected a number, got {element.GetRawText()}.");

    public static T ParseElement<T>(JsonElement element, string context, Func<string, T> parse)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new RpcProtocolException($"{context}: expected a hex string, got {element.ValueKind}.");
        }

        try
        {
            return parse(element.GetString()!);
        }
        catch (FormatException e)
        {
            throw new RpcProtocolException($"{context}: {e.Message}", e);
        }
    }

    public static IReadOnlyList<T> ArrayElement<T>(JsonElement value, string context, Func<JsonElement, string, T> read)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new RpcProtocolException($"{context}: expected an array, got {value.ValueKind}.");
        }

        var items = new T[value.GetArrayLength()];
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items[index] = read(item, $"{context}[{index}]");
            index++;
        }

        return items;
    }

    public Hash256 Hash(string name) => Parse(name, Required(name), ParseHash);

    public Hash256? OptionalHash(string name) => Optional(name, ParseHash);

    public Address Address(string name) => Parse(name, Required(name), ParseAddress);

    public Address? OptionalAddress(string name) => Optional(name, ParseAddress);

    public ulong UInt64(string name) => Parse(name, Required(name), HexQuantity.ParseUInt64);

    public ulong? OptionalUInt64(string name) => Optional(name, HexQuantity.ParseUInt64);

    public UInt256 UInt256(string name) => Parse(name, Required(name), HexQuantity.ParseUInt256);

    public UInt256? OptionalUInt256(string name) => Optional(name, HexQuantity.ParseUInt256);

    public byte Byte(string name) => Parse(name, Required(name), ParseByte);

    public byte? OptionalByte(string name) => Optional(name, ParseByte);

    public byte[] Data(string name) => Parse(name, Required(name), HexQuantity.ParseData);

    /// <summary>DATA of exactly <paramref name="length"/> bytes.</summary>
    public byte[] Data(string name, int length)
    {
        var bytes = Data(name);
        return bytes.Length == length
            ? bytes
            : throw new RpcProtocolException($"{_context}.{name}: expected {length} bytes, got {bytes.Length}.");
    }

    public bool OptionalBool(string name)
    {
        if (!_object.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RpcProtocolException($"{_context}.{name}: expected true or false, got {value.ValueKind}."),
        };
    }

    /// <summary>
    /// A timestamp that anvil writes as a hex quantity in transactions and logs but as a plain JSON number in
    /// receipts; both are accepted, nothing else.
    /// </summary>
    public ulong? OptionalTimestamp(string name)
    {
        if (_object.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetUInt64(out var number)
                ? number
                : throw new RpcProtocolException($"{_context}.{name}: {value.GetRawText()} is not a non-negative 64-bit integer.");
        }

        return OptionalUInt64(name);
    }

    public IReadOnlyList<T> List<T>(string name, Func<JsonElement, string, T> read) =>
        ArrayElement(Required(name), $"{_context}.{name}", read);

    public IReadOnlyList<T>? OptionalList<T>(string name, Func<JsonElement, string, T> read) =>
        _object.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? ArrayElement(value, $"{_context}.{name}", read)
            : null;

    private static Hash256 ParseHash(string text)
    {
        var bytes = HexQuantity.ParseData(text);
        return bytes.Length == Protocol.Ethereum.Hash256.Size
            ? new Hash256(bytes)
            : throw new FormatException($"expected 32 bytes of hex, got {bytes.Length}.");
    }

    private static Address ParseAddress(string text)
    {
        // Nodes send lower-case addresses; a mixed-case one must carry a valid EIP-55 checksum.
        if (!text.StartsWith("0x", StringComparison.Ordinal))
        {
            throw new FormatException($"'{text}' is not an address: it must start with 0x.");
        }

        return Protocol.Ethereum.Address.TryParse(text, out var address, out var error)
            ? address
            : throw new FormatException($"'{text}' is not an address: {error}");
    }

    private static byte ParseByte(string text)
    {
        var value = HexQuantity.ParseUInt64(text);
        return value <= byte.MaxValue ? (byte)value : throw new FormatException($"'{text}' does not fit in a byte.");
    }

    private JsonElement Required(string name) =>
        _object.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new RpcProtocolException($"{_context}.{name} is missing.");

    private T Parse<T>(string name, JsonElement value, Func<string, T> parse) => ParseElement(value, $"{_context}.{name}", parse);

    private T? Optional<T>(string name, Func<string, T> parse)
        where T : struct =>
        _object.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Parse(name, value, parse) : null;
}
