using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>
/// A legacy transaction: <c>rlp([nonce, gasPrice, gasLimit, to, value, data, v, r, s])</c>. With EIP-155 the signing
/// payload also carries <c>chainId, 0, 0</c> and v is chainId·2 + 35 + recovery id; without it (<see cref="Transaction.ChainId"/>
/// null) v is 27 + recovery id and the signature is valid on every chain.
/// </summary>
public sealed class LegacyTransaction : Transaction
{
    private static readonly UInt256 V27 = new(27);
    private static readonly UInt256 V28 = new(28);
    private static readonly UInt256 V35 = new(35);

    public LegacyTransaction(
        ulong nonce,
        UInt256 gasPrice,
        ulong gasLimit,
        Address? to,
        UInt256 value,
        ReadOnlyMemory<byte> data,
        ulong? chainId,
        TransactionSignature? signature = null)
        : base(chainId, nonce, gasLimit, to, value, data, signature) =>
        GasPrice = gasPrice;

    public override TransactionType Type => TransactionType.Legacy;

    public UInt256 GasPrice { get; }

    public override UInt256 GasFeeCap => GasPrice;

    public override UInt256 GasTipCap => GasPrice;

    /// <summary>
    /// The chain id a legacy v implies: null for 27/28 (pre-EIP-155) and for values that are neither that nor at least
    /// 35 (recovery then reports <see cref="SignatureError.InvalidV"/>), otherwise (v − 35) / 2. A v beyond 64 bits
    /// implies no representable chain id and also yields null.
    /// </summary>
    public static ulong? ChainIdFromV(in UInt256 v)
    {
        if (!v.FitsInUInt64)
        {
            return null;
        }

        var value = v.ToUInt64();
        return value >= 35 ? (value - 35) / 2 : null;
    }

    public override LegacyTransaction WithSignature(TransactionSignature signature) =>
        new(Nonce, GasPrice, GasLimit, To, Value, Data, ChainId, signature);

    public override LegacyTransaction Sign(ReadOnlySpan<byte> privateKey) => WithSignature(CreateSignature(privateKey));

    internal static LegacyTransaction DecodeRlp(ReadOnlySpan<byte> rlp) => DecodeList(TransactionType.Legacy, rlp, ReadFields);

    private protected override int FieldsLength() =>
        RlpLength.OfUInt(Nonce) + RlpLength.OfUInt(GasPrice) + RlpLength.OfUInt(GasLimit) + TransactionRlp.OfOptionalAddress(To) +
        RlpLength.OfUInt(Value) + RlpLength.OfBytes(Data.Span);

    private protected override void WriteFields(ref RlpWriter writer)
    {
        writer.WriteUInt(Nonce);
        writer.WriteUInt(GasPrice);
        writer.WriteUInt(GasLimit);
        TransactionRlp.WriteOptionalAddress(ref writer, To);
        writer.WriteUInt(Value);
        writer.WriteBytes(Data.Span);
    }

    private protected override int SigningSuffixLength => ChainId is { } chainId ? RlpLength.OfUInt(chainId) + 2 : 0;

    private protected override void WriteSigningSuffix(ref RlpWriter writer)
    {
        if (ChainId is { } chainId)
        {
            writer.WriteUInt(chainId);
            writer.WriteUInt(0);
            writer.WriteUInt(0);
        }
    }

    private protected override UInt256 VFor(int recoveryId) =>
        ChainId is { } chainId ? Eip155V(chainId) + new UInt256((ulong)recoveryId) : new UInt256(27UL + (ulong)recoveryId);

    private protected override SignatureError CheckV(in UInt256 v, out int recoveryId)
    {
        recoveryId = 0;
        if (ChainId is { } chainId)
        {
            var v0 = Eip155V(chainId);
            if (v == v0)
            {
                return SignatureError.None;
            }

            if (v == v0 + UInt256.One)
            {
                recoveryId = 1;
                return SignatureError.None;
            }

            return v == V27 || v == V28 || v >= V35 ? SignatureError.ChainIdMismatch : SignatureError.InvalidV;
        }

        if (v == V27 || v == V28)
        {
            recoveryId = v == V27 ? 0 : 1;
            return SignatureError.None;
        }

        return v >= V35 ? SignatureError.ChainIdMismatch : SignatureError.InvalidV;
    }

    private protected override string DescribeVError(in UInt256 v)
    {
        if (ChainId is { } chainId)
        {
            var v0 = Eip155V(chainId);
            var implied = v == V27 || v == V28 ? "no chain (pre-EIP-155)" : ChainIdFromV(v) is { } other ? $"chain {other}" : null;
            return implied is null
                ? $"Legacy v = {v} is invalid: for chain {chainId} (EIP-155) it must be {v0} or {v0 + UInt256.One}."
                : $"Legacy v = {v} implies {implied}, but the transaction is for chain {chainId} (v must be {v0} or {v0 + UInt256.One}).";
        }

        return v >= V35
            ? $"Legacy v = {v} is an EIP-155 value (chain {(ChainIdFromV(v) is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "beyond 64 bits")}), but the transaction has no chain id."
            : $"Legacy v = {v} is invalid: it must be 27 or 28 (pre-EIP-155) or chainId·2 + 35 or 36 (EIP-155).";
    }

    private static UInt256 Eip155V(ulong chainId)
    {
        UInt256 id = chainId;
        return id + id + V35;
    }

    private static LegacyTransaction ReadFields(ref RlpReader fields, ref string field)
    {
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
        var signature = TransactionSignature.ReadFields(ref fields, ref field);
        return new LegacyTransaction(nonce, gasPrice, gasLimit, to, value, data, ChainIdFromV(signature.V), signature);
    }
}
