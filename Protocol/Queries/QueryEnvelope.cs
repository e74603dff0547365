using System.Buffers.Binary;
using Obscuro.Protocol.Crypto;

namespace Obscuro.Protocol.Queries;

/// <summary>
/// The encryption of queries and answers (ECIES, see <see cref="Ecies"/>): a request to the network key with
/// associated data <c>"Obscuro.query.v1" ‖ chainId</c>; an answer to the request's viewing key with
/// <c>"Obscuro.queryResponse.v1" ‖ requestId</c>, so an answer cannot be passed off as the answer to another request.
/// </summary>
public static class QueryEnvelope
{
    private static ReadOnlySpan<byte> RequestTag => "Obscuro.query.v1"u8;
    private static ReadOnlySpan<byte> ResponseTag => "Obscuro.queryResponse.v1"u8;

    public static byte[] EncryptRequest(QueryRequest request, ReadOnlySpan<byte> networkPublicKey, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Ecies.Encrypt(networkPublicKey, request.Encode(), RequestAd(request.ChainId), random);
    }

    public static QueryRequest DecryptRequest(ReadOnlySpan<byte> ciphertext, Secp256k1KeyPair networkKey, ulong chainId)
    {
        ArgumentNullException.ThrowIfNull(networkKey);
        var plaintext = new byte[Math.Max(0, Ecies.PlaintextLength(ciphertext.Length))];
        if (!Ecies.TryDecrypt(networkKey, ciphertext, RequestAd(chainId), plaintext, out var length, out var rejection))
        {
            throw new QueryRejectedException(QueryRejection.NotDecryptable, $"The query is not encrypted to this network's key for chain {chainId} ({rejection}).");
        }

        return QueryRequest.Decode(plaintext.AsSpan(0, length));
    }

    public static byte[] EncryptResponse(QueryResponse response, ReadOnlySpan<byte> viewingPublicKey, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Ecies.Encrypt(viewingPublicKey, response.Encode(), ResponseAd(response.RequestId), random);
    }

    public static QueryResponse DecryptResponse(ReadOnlySpan<byte> ciphertext, Secp256k1KeyPair viewingKey, byte[] requestId)
    {
        ArgumentNullException.ThrowIfNull(viewingKey);
        ArgumentNullException.ThrowIfNull(requestId);
        var plaintext = new byte[Math.Max(0, Ecies.PlaintextLength(ciphertext.Length))];
        if (!Ecies.TryDecrypt(viewingKey, ciphertext, ResponseAd(requestId), plaintext, out var length, out var rejection))
        {
            throw new QueryRejectedException(QueryRejection.NotDecryptable, $"The answer does not decrypt with this viewing key for this request ({rejection}).");
        }

        return QueryResponse.Decode(plaintext.AsSpan(0, length));
    }

    private static byte[] RequestAd(ulong chainId)
    {
        var ad = new byte[RequestTag.Length + 8];
        RequestTag.CopyTo(ad);
        BinaryPrimitives.WriteUInt64BigEndian(ad.AsSpan(RequestTag.Length), chainId);
        return ad;
    }

    private static byte[] ResponseAd(byte[] requestId) => [.. ResponseTag, .. requestId];
}
