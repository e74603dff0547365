using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>
/// EIP-1559 (type 2): <c>0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data,
/// accessList, yParity, r, s])</c>. The transaction type L2 wallets sign.
/// </summary>
public sealed class DynamicFeeTransaction : Transaction
{
    public DynamicFeeTransaction(
        ulong chainId,
        ulong nonce,
        UInt256 maxPriorityFeePerGas,
        UInt256 maxFeePerGas,
        ulong gasLimit,
        Address? to,
        UInt256 value,
        ReadOnlyMemory<byte> data,
        IReadOnlyList<AccessListItem> accessList,
        TransactionSignature? signature = null)
        : base(chainId, nonce, gasLimit, to, value, data, signature)
    {
        AccessListRlp.Validate(accessList, nameof(accessList));
        MaxPriorityFeePerGas = maxPriorityFeePerGas;
        MaxFeePerGas = maxFeePerGas;
        AccessList = accessList;
    }

    public override TransactionType Type => TransactionType.DynamicFee;

    public UInt256 MaxPriorityFeePerGas { get; }

    public UInt256 MaxFeePerGas { get; }

    public IReadOnlyList<AccessListItem> AccessList { get; }

    public override UInt256 GasFeeCap => MaxFeePerGas;

    public override UInt256 GasTipCap => MaxPriorityFeePerGas;

    public override DynamicFeeTransaction WithSignature(TransactionSignature signature) =>
        new(ChainId.GetValueOrDefault(), Nonce, MaxPriorityFeePerGas, MaxFeePerGas, GasLimit, To, Value, Data, AccessList, signature);

    public override DynamicFeeTransaction Sign(ReadOnlySpan<byte> privateKey) => WithSignature(CreateSignature(privateKey));

    internal static DynamicFeeTransaction DecodeRlp(ReadOnlySpan<byte> rlp) => DecodeList(TransactionType.DynamicFee, rlp, ReadFields);

    private protected override int FieldsLength() =>
        RlpLength.OfUInt(ChainId.GetValueOrDefault()) + RlpLength.OfUInt(Nonce) + RlpLength.OfUInt(MaxPriorityFeePerGas) +
        RlpLength.OfUInt(MaxFeePerGas) + RlpLength.OfUInt(GasLimit) + TransactionRlp.OfOptionalAddress(To) + RlpLength.OfUInt(Value) +
        RlpLength.OfBytes(Data.Span) + AccessListRlp.Length(AccessList);

    private protected override void WriteFields(ref RlpWriter writer)
    {
        writer.WriteUInt(ChainId.GetValueOrDefault());
        writer.WriteUInt(Nonce);
        writer.WriteUInt(MaxPriorityFeePerGas);
        writer.WriteUInt(MaxFeePerGas);
        writer.WriteUInt(GasLimit);
        TransactionRlp.WriteOptionalAddress(ref writer, To);
        writer.WriteUInt(Value);
        writer.WriteBytes(Data.Span);
        AccessListRlp.Write(ref writer, AccessList);
    }

    private static DynamicFeeTransaction ReadFields(ref RlpReader fields, ref string field)
    {
        field = "chainId";
        var chainId = fields.ReadUInt64();
        field = "nonce";
        var nonce = fields.ReadUInt64();
        field = "maxPriorityFeePerGas";
        var maxPriorityFeePerGas = fields.ReadUInt256();
        field = "maxFeePerGas";
        var maxFeePerGas = fields.ReadUInt256();
        field = "gasLimit";
        var gasLimit = fields.ReadUInt64();
        field = "to";
        var to = fields.ReadOptionalAddress();
        field = "value";
        var value = fields.ReadUInt256();
        field = "data";
        var data = fields.ReadBytes().ToArray();
        field = "accessList";
        var accessList = AccessListRlp.Read(ref fields);
        var signature = TransactionSignature.ReadFields(ref fields, ref field);
        return new DynamicFeeTransaction(chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, accessList, signature);
    }
}
