using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>
/// EIP-4844 (type 3) in its canonical (block) form: <c>0x03 ‖ rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas,
/// gasLimit, to, value, data, accessList, maxFeePerBlobGas, blobVersionedHashes, yParity, r, s])</c>. The network form
/// that also carries blobs, commitments and proofs is not accepted. A blob transaction cannot create a contract.
/// </summary>
public sealed class BlobTransaction : Transaction
{
    public BlobTransaction(
        ulong chainId,
        ulong nonce,
        UInt256 maxPriorityFeePerGas,
        UInt256 maxFeePerGas,
        ulong gasLimit,
        Address to,
        UInt256 value,
        ReadOnlyMemory<byte> data,
        IReadOnlyList<AccessListItem> accessList,
        UInt256 maxFeePerBlobGas,
        IReadOnlyList<Hash256> blobVersionedHashes,
        TransactionSignature? signature = null)
        : base(chainId, nonce, gasLimit, to, value, data, signature)
    {
        AccessListRlp.Validate(accessList, nameof(accessList));
        RequireList(blobVersionedHashes, nameof(blobVersionedHashes));
        MaxPriorityFeePerGas = maxPriorityFeePerGas;
        MaxFeePerGas = maxFeePerGas;
        AccessList = accessList;
        MaxFeePerBlobGas = maxFeePerBlobGas;
        BlobVersionedHashes = blobVersionedHashes;
    }

    public override TransactionType Type => TransactionType.Blob;

    public UInt256 MaxPriorityFeePerGas { get; }

    public UInt256 MaxFeePerGas { get; }

    public IReadOnlyList<AccessListItem> AccessList { get; }

    public UInt256 MaxFeePerBlobGas { get; }

    public IReadOnlyList<Hash256> BlobVersionedHashes { get; }

    /// <summary>The recipient; never null for this type.</summary>
    public Address Recipient => To.GetValueOrDefault();

    public override UInt256 GasFeeCap => MaxFeePerGas;

    public override UInt256 GasTipCap => MaxPriorityFeePerGas;

    public override BlobTransaction WithSignature(TransactionSignature signature) =>
        new(ChainId.GetValueOrDefault(), Nonce, MaxPriorityFeePerGas, MaxFeePerGas, GasLimit, Recipient, Value, Data, AccessList,
            MaxFeePerBlobGas, BlobVersionedHashes, signature);

    public override BlobTransaction Sign(ReadOnlySpan<byte> privateKey) => WithSignature(CreateSignature(privateKey));

    internal static BlobTransaction DecodeRlp(ReadOnlySpan<byte> rlp) => DecodeList(TransactionType.Blob, rlp, ReadFields);

    private protected override int FieldsLength() =>
        RlpLength.OfUInt(ChainId.GetValueOrDefault()) + RlpLength.OfUInt(Nonce) + RlpLength.OfUInt(MaxPriorityFeePerGas) +
        RlpLength.OfUInt(MaxFeePerGas) + RlpLength.OfUInt(GasLimit) + 1 + Address.Size + RlpLength.OfUInt(Value) +
        RlpLength.OfBytes(Data.Span) + AccessListRlp.Length(AccessList) + RlpLength.OfUInt(MaxFeePerBlobGas) +
        RlpLength.OfList(BlobVersionedHashes.Count * (1 + Hash256.Size));

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
        writer.WriteUInt(MaxFeePerBlobGas);
        writer.WriteListPrefix(BlobVersionedHashes.Count * (1 + Hash256.Size));
        for (var i = 0; i < BlobVersionedHashes.Count; i++)
        {
            writer.WriteHash(BlobVersionedHashes[i]);
        }
    }

    private static BlobTransaction ReadFields(ref RlpReader fields, ref string field)
    {
        field = "chainId";
        if (fields.NextIsList)
        {
            throw new TransactionFormatException(
                "EIP-4844 transaction in the network form (with blobs, commitments and proofs); only the canonical block form is accepted.");
        }

        var chainId = fields.ReadUInt64();
        field = "nonce";
        var nonce = fields.ReadUInt64();
        field = "maxPriorityFeePerGas";
        var maxPriorityFeePerGas = fields.ReadUInt256();
        field = "maxFeePerGas";
        var maxFeePerGas = fields.ReadUInt256();
        field = "gasLimit";
        var gasLimit = fields.ReadUInt64();
        field = "to (a blob transaction cannot create a contract)";
        var to = fields.ReadAddress();
        field = "value";
        var value = fields.ReadUInt256();
        field = "data";
        var data = fields.ReadBytes().ToArray();
        field = "accessList";
        var accessList = AccessListRlp.Read(ref fields);
        field = "maxFeePerBlobGas";
        var maxFeePerBlobGas = fields.ReadUInt256();
        field = "blobVersionedHashes";
        var hashesReader = fields.ReadList();
        var hashes = new Hash256[RlpItems.Count(hashesReader)];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = hashesReader.ReadHash();
        }

        var signature = TransactionSignature.ReadFields(ref fields, ref field);
        return new BlobTransaction(chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, accessList,
            maxFeePerBlobGas, hashes, signature);
    }
}
