using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Queries;

/// <summary>
/// An enclave's answer. Wire format (RLP): <c>[requestId, ok(0/1), error, [rollupHash, generation, l1Number, l1Hash],
/// payload, enclave(20), signature(65)]</c>; the enclave key signs keccak256("Obscuro.queryResponse.v1" ‖ rlp of the
/// list without the signature). The whole answer travels ECIES-encrypted to the viewing key.
/// </summary>
public sealed record QueryResponse(byte[] RequestId, bool Ok, string Error, RollupAnchor BasedOn, byte[] Payload, Address Enclave, byte[] Signature)
{
    private static ReadOnlySpan<byte> Tag => "Obscuro.queryResponse.v1"u8;

    public static QueryResponse Create(byte[] requestId, bool ok, string error, RollupAnchor basedOn, byte[] payload, ISigner enclave)
    {
        ArgumentNullException.ThrowIfNull(enclave);
        var unsigned = new QueryResponse(requestId, ok, error, basedOn, payload, enclave.Address, []);
        var signature = enclave.Sign(unsigned.SigningHash().ToArray());
        return unsigned with { Signature = signature };
    }

    public Hash256 SigningHash() => Keccak256.Hash([.. Tag, .. RlpEncoding.EncodeList(Fields())]);

    /// <summary>True when <see cref="Signature"/> is <see cref="Enclave"/>'s over this answer.</summary>
    public bool IsSignedByEnclave() =>
        Signature.Length == 65 && Secp256k1.TryRecoverAddress(SigningHash().ToArray(), Signature, out var signer) && signer == Enclave;

    public byte[] Encode() => RlpEncoding.EncodeList([.. Fields(), RlpEncoding.EncodeBytes(Signature)]);

    public static QueryResponse Decode(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var reader = new RlpReader(encoded);
            var list = reader.ReadList();
            reader.EnsureEnd();
            var requestId = list.ReadBytes().ToArray();
            var ok = list.ReadUInt64() switch
            {
                0 => false,
                1 => true,
                _ => throw new QueryRejectedException(QueryRejection.Malformed, "The response's status is neither 0 nor 1."),
            };
            var error = System.Text.Encoding.UTF8.GetString(list.ReadBytes());
            var anchor = list.ReadList();
            var basedOn = new RollupAnchor(anchor.ReadHash(), anchor.ReadUInt64(), anchor.ReadUInt64(), anchor.ReadHash());
            anchor.EnsureEnd();
            var payload = list.ReadBytes().ToArray();
            var enclave = list.ReadAddress();
            var signature = list.ReadBytes().ToArray();
            list.EnsureEnd();
            return new QueryResponse(requestId, ok, error, basedOn, payload, enclave, signature);
        }
        catch (RlpException e)
        {
            throw new QueryRejectedException(QueryRejection.Malformed, "The response is not well-formed: " + e.Message);
        }
    }

    private List<byte[]> Fields() =>
    [
        RlpEncoding.EncodeBytes(RequestId),
        RlpEncoding.EncodeUInt(Ok ? 1UL : 0UL),
        RlpEncoding.EncodeBytes(System.Text.Encoding.UTF8.GetBytes(Error)),
        RlpEncoding.EncodeList([
            RlpEncoding.EncodeBytes(BasedOn.RollupHash.ToArray()), RlpEncoding.EncodeUInt(BasedOn.Generation),
            RlpEncoding.EncodeUInt(BasedOn.L1BlockNumber), RlpEncoding.EncodeBytes(BasedOn.L1BlockHash.ToArray())]),
        RlpEncoding.EncodeBytes(Payload),
        RlpEncoding.EncodeBytes(Enclave.ToArray()),
    ];
}
