using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;
using Obscuro.Protocol.Tests.Transactions;

namespace Obscuro.Protocol.Tests.Queries;

public sealed class QueryTests : IDisposable
{
    private const ulong Chain = 443;
    private readonly KeySchedule _keys = Wallets.Keys();
    private readonly Secp256k1KeyPair _network;
    private readonly Secp256k1KeyPair _viewing = Secp256k1KeyPair.FromPrivateKey(Keccak256.HashToArray("viewing"u8));
    private readonly Secp256k1KeyPair _enclave = Secp256k1KeyPair.FromPrivateKey(Keccak256.HashToArray("enclave"u8));

    public QueryTests() => _network = _keys.NetworkKeyPair();

    public void Dispose()
    {
        _network.Dispose();
        _viewing.Dispose();
        _enclave.Dispose();
        _keys.Dispose();
    }

    private ViewingKeyGrant Grant(int wallet = 1) => ViewingKeyGrant.Create(Chain, _viewing.CompressedPublicKey, Wallets.Key(wallet));

    private QueryRequest Request(QueryKind kind = QueryKind.Account, int wallet = 1, ViewingKeyGrant? grant = null) =>
        QueryRequest.Create(Chain, kind, Wallets.AddressOf(wallet), [], grant ?? Grant(wallet), Keccak256.HashToArray("viewing"u8), SystemRandomSource.Instance);

    [Fact]
    public void Personal_message_hash_matches_the_known_eip191_vector() =>
        Assert.Equal("0x50b2c43fd39106bafbba0da34fc430e1f91e3c96ea2acee2bc34119f92b37750", ViewingKeyGrant.PersonalMessageHash("hello").ToString());

    [Fact]
    public void Grant_recovers_the_granting_account()
    {
        Assert.Equal(Wallets.AddressOf(1), Grant().RecoverAccount(Chain));
        Assert.NotEqual(Wallets.AddressOf(1), Grant().RecoverAccount(Chain + 1));
    }

    [Fact]
    public void A_request_round_trips_through_encryption_and_verifies()
    {
        var request = Request();
        var decrypted = QueryEnvelope.DecryptRequest(QueryEnvelope.EncryptRequest(request, _network.PublicKey, SystemRandomSource.Instance), _network, Chain);
        Assert.Equal(request.Encode(), decrypted.Encode());
        Assert.Equal(Wallets.AddressOf(1), decrypted.Verify(Chain));
    }

    [Fact]
    public void Each_bad_request_is_refused_with_its_reason()
    {
        QueryRejection Reason(Action a) => Assert.Throws<QueryRejectedException>(a).Reason;
        var good = Request();
        Assert.Equal(QueryRejection.WrongChain, Reason(() => good.Verify(Chain + 1)));
        Assert.Equal(QueryRejection.GrantForAnotherAccount, Reason(() => Request(wallet: 2, grant: Grant(1)).Verify(Chain)));
        Assert.Equal(QueryRejection.InvalidGrant, Reason(() => (good with { Grant = good.Grant with { Signature = new byte[65] } }).Verify(Chain)));
        var otherSigner = QueryRequest.Create(Chain, QueryKind.Account, Wallets.AddressOf(1), [], Grant(), Wallets.Key(5), SystemRandomSource.Instance);
        Assert.Equal(QueryRejection.InvalidSignature, Reason(() => otherSigner.Verify(Chain)));
        Assert.Equal(QueryRejection.InvalidSignature, Reason(() => (good with { Argument = [1] }).Verify(Chain)));
        Assert.Equal(QueryRejection.UnsupportedKind, Reason(() => (good with { Kind = (QueryKind)99 }).Verify(Chain)));
        Assert.Equal(QueryRejection.Malformed, Reason(() => QueryRequest.Decode(good.Encode().AsSpan(1))));
        Assert.Equal(QueryRejection.NotDecryptable, Reason(() => QueryEnvelope.DecryptRequest(new byte[120], _network, Chain)));
    }

    [Fact]
    public void An_answer_is_signed_by_the_enclave_and_opens_only_for_its_request()
    {
        var request = Request();
        var anchor = new RollupAnchor(Keccak256.Hash("rollup"u8), 4, 99, Keccak256.Hash("block"u8));
        var response = QueryResponse.Create(request.RequestId, true, "", anchor, new AccountSummary(new UInt256(5), 2).Encode(), _enclave);
        var sealedAnswer = QueryEnvelope.EncryptResponse(response, request.Grant.ViewingPublicKey, SystemRandomSource.Instance);

        var opened = QueryEnvelope.DecryptResponse(sealedAnswer, _viewing, request.RequestId);
        Assert.True(opened.IsSignedByEnclave());
        Assert.Equal(_enclave.Address, opened.Enclave);
        Assert.Equal(anchor, opened.BasedOn);
        Assert.Equal(new AccountSummary(new UInt256(5), 2), AccountSummary.Decode(opened.Payload));

        Assert.Equal(QueryRejection.NotDecryptable, Assert.Throws<QueryRejectedException>(() => QueryEnvelope.DecryptResponse(sealedAnswer, _viewing, new byte[16])).Reason);
        Assert.False((opened with { Payload = new AccountSummary(new UInt256(6), 2).Encode() }).IsSignedByEnclave());
    }

    [Fact]
    public void Payloads_round_trip()
    {
        var tx = new TransactionAnswer(Keccak256.Hash("tx"u8), TransactionState.Failed, Keccak256.Hash("r"u8), 3, new UInt256(21), "insufficient token balance");
        Assert.Equal(tx, TransactionAnswer.Decode(tx.Encode()));
        var token = new TokenBalanceAnswer(Wallets.AddressOf(9), new UInt256(77));
        Assert.Equal(token, TokenBalanceAnswer.Decode(token.Encode()));
        HistoryEntry[] history =
        [
            new(Keccak256.Hash("a"u8), true, Wallets.AddressOf(2), Address.Zero, new UInt256(1), TransactionState.Succeeded, 5),
            new(Keccak256.Hash("b"u8), false, Wallets.AddressOf(3), Wallets.AddressOf(9), new UInt256(2), TransactionState.Succeeded, 4),
        ];
        Assert.Equal(history, HistoryEntry.DecodeList(HistoryEntry.EncodeList(history)));
    }
}
