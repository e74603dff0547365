using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Queries;

/// <summary>
/// A signed question about one account. Wire format (RLP):
/// <c>[chainId, requestId(16), kind, account(20), argument, [viewingKey(33), grantSignature(65)], signature(65)]</c>,
/// where the signature is the viewing key's over keccak256("Obscuro.query.v1" ‖ rlp of the list without it). The
/// whole request travels ECIES-encrypted to the network key (<see cref="QueryEnvelope"/>), so the host learns neither
/// the account nor the question.
/// </summary>
public sealed record QueryRequest(ulong ChainId, byte[] RequestId, QueryKind Kind, Address Account, byte[] Argument, ViewingKeyGrant Grant, byte[] Signature)
{
    public const int RequestIdSize = 16;
    private static ReadOnlySpan<byte> Tag => "Obscuro.query.v1"u8;

    public static QueryRequest Create(ulong chainId, QueryKind kind, Address account, byte[] argument, ViewingKeyGrant grant, ReadOnlySpan<byte> viewingPrivateKey, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(argument);
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(random);
        var requestId = new byte[RequestIdSize];
        random.Fill(requestId);
        var unsigned = new QueryRequest(chainId, requestId, kind, account, argument, grant, []);
        var signature = Secp256k1.Sign(unsigned.SigningHash().ToArray(), viewingPrivateKey);
        return unsigned with { Signature = signature };
    }

    public Hash256 SigningHash()
    {
        var body = EncodeFields();
        return Keccak256.Hash([.. Tag, .. body]);
    }

    public byte[] Encode() => RlpEncoding.EncodeList([.. Fields(), RlpEncoding.EncodeBytes(Signature)]);

    /// <summary>Checks chain, grant and signature; returns the verified account.</summary>
    public Address Verify(ulong expectedChainId)
    {
        if (ChainId != expectedChainId) throw Reject(QueryRejection.WrongChain, $"The query is for chain {ChainId}; this network is chain {expectedChainId}.");
        if (!Enum.IsDefined(Kind)) throw Reject(QueryRejection.UnsupportedKind, $"Query kind {(byte)Kind} is not supported.");
        var granter = Grant.RecoverAccount(ChainId) ?? throw Reject(QueryRejection.InvalidGrant, "The viewing key grant is not signed by any account key.");
        if (granter != Account) throw Reject(QueryRejection.GrantForAnotherAccount, "The viewing key was granted by another account than the one queried.");
        Span<byte> viewingKey = stackalloc byte[Secp256k1.PublicKeySize];
        if (Signature.Length != 65 || !Secp256k1.TryNormalizePublicKey(Grant.ViewingPublicKey, viewingKey)
            || !Secp256k1.Verify(SigningHash().ToArray(), Signature, viewingKey))
        {
            throw Reject(QueryRejection.InvalidSignature, "The query is not signed by the granted viewing key.");
        }

        return Account;
    }

    public static QueryRequest Decode(ReadOnlySpan<byte> encoded)
    {
        try
        {
            var reader = new RlpReader(encoded);
            var list = reader.ReadList();
            reader.EnsureEnd();
            var chainId = list.ReadUInt64();
            var requestId = list.ReadBytes().ToArray();
            if (requestId.Length != RequestIdSize) throw Reject(QueryRejection.Malformed, $"The request id is {requestId.Length} bytes, not {RequestIdSize}.");
            var kindValue = list.ReadUInt64();
            if (kindValue > byte.MaxValue) throw Reject(QueryRejection.Malformed, "The query kind is out of range.");
            var account = list.ReadAddress();
            var argument = list.ReadBytes().ToArray();
            var grantList = list.ReadList();
            var grant = new ViewingKeyGrant(grantList.ReadBytes().ToArray(), grantList.ReadBytes().ToArray());
            grantList.EnsureEnd();
            var signature = list.ReadBytes().ToArray();
            list.EnsureEnd();
            return new QueryRequest(chainId, requestId, (QueryKind)kindValue, account, argument, grant, signature);
        }
        catch (RlpException e)
        {
            throw Reject(QueryRejection.Malformed, "The query is not well-formed: " + e.Message);
        }
    }

    private byte[] EncodeFields() => RlpEncoding.EncodeList(Fields());

    private List<byte[]> Fields() =>
    [
        RlpEncoding.EncodeUInt(ChainId),
        RlpEncoding.EncodeBytes(RequestId),
        RlpEncoding.EncodeUInt((ulong)Kind),
        RlpEncoding.EncodeBytes(Account.ToArray()),
        RlpEncoding.EncodeBytes(Argument),
        RlpEncoding.EncodeList([RlpEncoding.EncodeBytes(Grant.ViewingPublicKey), RlpEncoding.EncodeBytes(Grant.Signature)]),
    ];

    private static QueryRejectedException Reject(QueryRejection reason, string message) => new(reason, message);
}
