using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>
/// EIP-7702 (type 4): <c>0x04 ‖ rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, destination, value,
/// data, accessList, authorizationList, yParity, r, s])</c>. It cannot create a contract.
/// </summary>
public sealed class SetCodeTransaction : Transaction
{
    public SetCodeTransaction(
        ulong chainId,
        ulong nonce,
        UInt256 maxPriorityFeePerGas,
        UInt256 maxFeePerGas,
        ulong gasLimit,
        Address to,
        UInt256 value,
        ReadOnlyMemory<byte> data,
        IReadOnlyList<AccessListItem> accessList,
        IReadOnlyList<Authorization> authorizationList,
        TransactionSignature? signature = null)
        : base(chainId, nonce, gasLimit, to, value, data, signature)
    {
        AccessListRlp.Validate(accessList, nameof(accessList));
        RequireList(authorizationList, nameof(authorizationList));
        MaxPriorityFeePerGas = maxPriorityFeePerGas;
        MaxFeePerGas = maxFeePerGas;
        AccessList = accessList;
        AuthorizationList = authorizationList;
    }

    public override TransactionType Type => TransactionType.SetCode;

    public UInt256 MaxPriorityFeePerGas { get; }

    public UInt256 MaxFeePerGas { get; }

    public IReadOnlyList<AccessListItem> AccessList { get; }

    public IReadOnlyList<Authorization> AuthorizationList { get; }

    /// <summary>The recipient; never null for this type.</summary>
    public Address Recipient => To.GetValueOrDefault();

    public override UInt256 GasFeeCap => MaxFeePerGas;

    public override UInt256 GasTipCap => MaxPriorityFeePerGas;

    public override SetCodeTransaction WithSignature(TransactionSignature signature) =>
        new(ChainId.GetValueOrDefault(), Nonce, MaxPriorityFeePerGas, MaxFeePerGas, GasLimit, Recipient, Value, Data, AccessList,
            AuthorizationList, signature);

    public override SetCodeTransaction Sign(ReadOnlySpan<byte> privateKey) => WithSignature(CreateSignature(privateKey));

    internal static SetCodeTransaction DecodeRlp(ReadOnlySpan<byte> rlp) => DecodeList(TransactionType.SetCode, rlp, ReadFields);

    private protected override int FieldsLength() =>
        RlpLength.OfUInt(ChainId.GetValueOrDefault()) + RlpLength.OfUInt(Nonce) + RlpLength.OfUInt(MaxPriorityFeePerGas) +
        RlpLength.OfUInt(MaxFeePerGas) + RlpLength.OfUInt(GasLimit) + 1 + Address.Size + RlpLength.OfUInt(Value) +
        RlpLength.OfBytes(Data.Span) + AccessListRlp.Length(AccessList) + RlpLength.OfList(AuthorizationsPayloadLength());

    private protected override void WriteFields(ref RlpWriter writer)
    {
        writer.WriteUInt(ChainId.GetValueOrDefault());
        writer.WriteUInt(Nonce);
        writer.WriteUInt(MaxPriorityFeePerGas);
        writer.WriteUInt(MaxFeePerGas);
        writer.WriteUInt(GasLimit);
        writer.WriteAddress(Recipient);
        writer.WriteUInt(Value);
        writer.WriteBytes(Data.Span);
        AccessListRlp.Write(ref writer, AccessList);
        writer.WriteListPrefix(AuthorizationsPayloadLength());
        for (var i = 0; i < AuthorizationList.Count; i++)
        {
            AuthorizationList[i].Write(ref writer);
        }
    }

    private int AuthorizationsPayloadLength()
    {
        var payload = 0;
        for (var i = 0; i < AuthorizationList.Count; i++)
        {
            payload += AuthorizationList[i].EncodedLength;
        }

        return payload;
    }

    private static SetCodeTransaction ReadFields(ref RlpReader fields, ref string field)
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
        field = "destination (a set-code transaction cannot create a contract)";
        var to = fields.ReadAddress();
        field = "value";
        var value = fields.ReadUInt256();
        field = "data";
        var data = fields.ReadBytes().ToArray();
        field = "accessList";
        var accessList = AccessListRlp.Read(ref fields);
        field = "authorizationList";
        var authorizationsReader = fields.ReadList();
        var authorizations = new Authorization[RlpItems.Count(authorizationsReader)];
        for (var i = 0; i < authorizations.Length; i++)
        {
            field = $"authorizationList[{i}]";
            authorizations[i] = Authorization.Read(ref authorizationsReader);
        }

        var signature = TransactionSignature.ReadFields(ref fields, ref field);
        return new SetCodeTransaction(chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, accessList,
            authorizations, signature);
    }
}
