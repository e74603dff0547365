namespace Obscuro.Contracts.Rpc;

/// <summary>A block parameter of a JSON-RPC call: a block number or one of the named tags.</summary>
public readonly record struct BlockTag
{
    private readonly string _text;

    private BlockTag(string text, ulong? number)
    {
        _text = text;
        Number = number;
    }

    public static BlockTag Latest { get; } = new("latest", null);

    /// <summary>The block being built; for <c>eth_getTransactionCount</c> this counts transactions still in the pool.</summary>
    public static BlockTag Pending { get; } = new("pending", null);

    public static BlockTag Earliest { get; } = new("earliest", null);

    public static BlockTag Safe { get; } = new("safe", null);

    public static BlockTag Finalized { get; } = new("finalized", null);

    /// <summary>The block number, when this tag names a block by number.</summary>
    public ulong? Number { get; }

    public static BlockTag At(ulong number) => new(HexQuantity.Format(number), number);

    /// <summary>The JSON-RPC form: <c>latest</c>, <c>pending</c>, … or a hex quantity.</summary>
    public override string ToString() => _text ?? "latest";
}
