using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>
/// EIP-2930 (type 1): <c>0x01 ‖ rlp([chainId, nonce, gasPrice, gasLimit, to, value, data, accessList, yParity, r, s])</c>.
/// </summary>
public sealed class AccessListTransaction : Transaction
{
    public AccessListTransaction(
        ulong chainId,
        ulong nonce,
        UInt256 gasPrice,
        ulong gasLimit,
        Address? to,
        UInt256 value,
        ReadOnlyMemory<byte> data,
        IReadOnlyList<AccessListItem> accessList,
        TransactionSignature? signature = null)
        : base(chainId, nonce, gasLimit, to, value, data, signature)
    {
        AccessListRlp.Validate(accessList, nameof(accessList));
        GasPrice = gasPrice;
        AccessList = accessList;
    }

    public override TransactionType Type => TransactionType.AccessList;

    public UInt256 GasPrice { get; }

    public IReadOnlyList<AccessListItem> AccessList { get; }

    public override UInt256 GasFeeCap => GasPrice;

    public override UInt256 GasTipCap => GasPrice;

    public override AccessListTransaction WithSignature(TransactionSignature signature) =>
        new(ChainId.GetValueOrDefault(), Nonce, GasPrice, GasLimit, To, Value, Data, AccessList, signature);

    public override AccessListTransaction Sign(ReadOnlySpan<byte> privateKey) => WithSignature(CreateSignature(privateKey));

    internal static AccessListTransaction DecodeRlp(ReadOnlySpan<byte> rlp) => DecodeList(TransactionType.AccessList, rlp, ReadFields);

    private protected override int FieldsLength() =>
        RlpLength.OfUInt(ChainId.GetValueOrDefault()) + RlpLength.OfUInt(Nonce) + RlpLength.OfUInt(GasPrice) + RlpLength.OfUInt(GasLimit) +
        TransactionRlp.OfOptionalAddress(To) + RlpLength.OfUInt(Value) + RlpLength.OfBytes(Data.Span) + AccessListRlp.Length(AccessList);

    private protected override void WriteFields(ref RlpWriter writer)
    {
        writer.WriteUInt(ChainId.GetValueOrDefault());
        writer.WriteUInt(Nonce);
        writer.WriteUInt(GasPrice);
        writer.WriteUInt(GasLimit);
        TransactionRlp.WriteOptionalAddress(ref writer, To);
        writer.WriteUInt(Value);
        writer.WriteBytes(Data.Span);
        AccessListRlp.Write(ref writer, AccessList);
    }

    private static AccessListTransaction ReadFields(ref RlpReader fields, ref string field)
    {
        field = "chainId";
        var chainId = fields.ReadUInt64();
        field = "nonce";
        var nonce = fields.ReadUInt64();
        field = "gasPrice";
        var gasPrice = fields.ReadUInt256();
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
        return new AccessListTransaction(chainId, nonce, gasPrice, gasLimit, to, value, data, accessList, signature);
    }
}
