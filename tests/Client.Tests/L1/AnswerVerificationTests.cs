using Obscuro.Client.Errors;
using Obscuro.Client.Keys;
using Obscuro.Client.L1;
using Obscuro.Client.Queries;
using Obscuro.Client.Tests.Support;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.Client.Tests.L1;

/// <summary>
/// The client's checks of a node's answer, with real Protocol objects: requests made by the client's own code, answers
/// signed by real enclave keys (registered, pending, unknown) and based on rollups that are, or are not, on the anvil.
/// </summary>
[Collection(SharedL1.Name)]
public sealed class AnswerVerificationTests(L1Fixture fixture) : IDisposable
{
    private readonly UnlockedAccount _alice = fixture.UnlockAlice();

    [Fact]
    public async Task An_answer_signed_by_a_registered_enclave_and_based_on_a_rollup_on_l1_is_accepted()
    {
        var (channel, request) = Ask();
        var anchor = await PublishedAnchorAsync();

        var answer = await channel.OpenAsync(Reply(request, anchor, fixture.EnclaveA), request, _alice, default);

        Assert.Equal(new AccountSummary(new UInt256(7), 3), AccountSummary.Decode(answer.Value));
        Assert.Equal(anchor, answer.BasedOn);
        Assert.Equal(fixture.EnclaveA.Address, answer.Enclave);
    }

    [Fact]
    public async Task An_answer_signed_by_a_key_not_registered_on_l1_is_refused()
    {
        var (channel, request) = Ask();
        var anchor = await PublishedAnchorAsync();

        var error = await Assert.ThrowsAsync<AnswerVerificationException>(() => channel.OpenAsync(Reply(request, anchor, fixture.Stranger), request, _alice, default));

        Assert.Equal(VerificationFailure.UnregisteredEnclave, error.Reason);
        Assert.Equal(9, global::Obscuro.Cli.ExitCodes.For(error.Kind));
    }

    [Fact]
    public async Task An_answer_signed_by_a_registered_but_unprovisioned_enclave_is_refused()
    {
        var (channel, request) = Ask();
        var anchor = await PublishedAnchorAsync();

        var error = await Assert.ThrowsAsync<AnswerVerificationException>(() => channel.OpenAsync(Reply(request, anchor, fixture.EnclaveB), request, _alice, default));
        Assert.Equal(VerificationFailure.UnregisteredEnclave, error.Reason);
    }

    [Fact]
    public async Task An_answer_based_on_a_rollup_that_is_not_on_l1_is_refused()
    {
        var (channel, request) = Ask();
        var real = await PublishedAnchorAsync();
        var invented = real with { RollupHash = Keccak256.Hash("a rollup nobody published"u8) };

        var error = await Assert.ThrowsAsync<AnswerVerificationException>(() => channel.OpenAsync(Reply(request, invented, fixture.EnclaveA), request, _alice, default));
        Assert.Equal(VerificationFailure.RollupNotOnL1, error.Reason);
    }

    [Fact]
    public async Task An_answer_that_places_a_published_rollup_in_another_l1_block_is_refused()
    {
        var (channel, request) = Ask();
        var real = await PublishedAnchorAsync();

        var wrongHash = await Assert.ThrowsAsync<AnswerVerificationException>(() =>
            channel.OpenAsync(Reply(request, real with { L1BlockHash = Keccak256.Hash("a block of another chain"u8) }, fixture.EnclaveA), request, _alice, default));
        var wrongNumber = await Assert.ThrowsAsync<AnswerVerificationException>(() =>
            channel.OpenAsync(Reply(request, real with { L1BlockNumber = real.L1BlockNumber - 1 }, fixture.EnclaveA), request, _alice, default));
        var wrongGeneration = await Assert.ThrowsAsync<AnswerVerificationException>(() =>
            channel.OpenAsync(Reply(request, real with { Generation = real.Generation + 1 }, fixture.EnclaveA), request, _alice, default));

        Assert.Equal(VerificationFailure.L1BlockNotCanonical, wrongHash.Reason);
        Assert.Equal(VerificationFailure.L1BlockNotCanonical, wrongNumber.Reason);
        Assert.Equal(VerificationFailure.RollupNotOnL1, wrongGeneration.Reason);
    }

    [Fact]
    public async Task An_answer_whose_content_was_changed_after_signing_is_refused()
    {
        var (channel, request) = Ask();
        var anchor = await PublishedAnchorAsync();
        var signed = QueryResponse.Create(request.RequestId, true, string.Empty, anchor, new AccountSummary(new UInt256(7), 3).Encode(), fixture.EnclaveA);
        var altered = signed with { Payload = new AccountSummary(new UInt256(7_000_000), 3).Encode() };
        var reply = new QueryReply(QueryEnvelope.EncryptResponse(altered, _alice.ViewingKey.CompressedPublicKey, SystemRandomSource.Instance), 0, string.Empty);

        var error = await Assert.ThrowsAsync<AnswerVerificationException>(() => channel.OpenAsync(reply, request, _alice, default));
        Assert.Equal(VerificationFailure.BadSignature, error.Reason);
    }

    [Fact]
    public async Task An_answer_to_another_request_or_for_another_viewing_key_is_refused()
    {
        var (channel, request) = Ask();
        var (_, other) = Ask();
        var anchor = await PublishedAnchorAsync();
        using var stranger = TestNetwork.Key("someone else's viewing key");
        var toOtherRequest = Reply(other, anchor, fixture.EnclaveA);
        var toOtherKey = new QueryReply(
            QueryEnvelope.EncryptResponse(QueryResponse.Create(request.RequestId, true, string.Empty, anchor, [], fixture.EnclaveA), stranger.CompressedPublicKey, SystemRandomSource.Instance), 0, string.Empty);

        Assert.Equal(VerificationFailure.NotDecryptable, (await Assert.ThrowsAsync<AnswerVerificationException>(() => channel.OpenAsync(toOtherRequest, request, _alice, default))).Reason);
        Assert.Equal(VerificationFailure.NotDecryptable, (await Assert.ThrowsAsync<AnswerVerificationException>(() => channel.OpenAsync(toOtherKey, request, _alice, default))).Reason);
    }

    [Fact]
    public async Task A_refusal_the_node_could_not_encrypt_is_reported_with_its_reason()
    {
        var (channel, request) = Ask();
        var reply = new QueryReply(null, (byte)QueryRejection.WrongChain, "chain 444");

        var error = await Assert.ThrowsAsync<QueryRefusedException>(() => channel.OpenAsync(reply, request, _alice, default));
        Assert.Equal(QueryRejection.WrongChain, error.Reason);
        Assert.Contains("--deployment", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_request_is_signed_by_the_viewing_key_granted_by_the_account_and_opens_only_with_the_network_key()
    {
        var (_, request) = Ask();
        var encrypted = QueryEnvelope.EncryptRequest(request, fixture.Network.NetworkKey.PublicKey, SystemRandomSource.Instance);

        var opened = QueryEnvelope.DecryptRequest(encrypted, fixture.Network.NetworkKey, fixture.Deployment.L2ChainId);

        Assert.Equal(fixture.Alice.Address, opened.Verify(fixture.Deployment.L2ChainId));
        Assert.Equal(QueryKind.Account, opened.Kind);
        Assert.Throws<QueryRejectedException>(() => QueryEnvelope.DecryptRequest(encrypted, fixture.EnclaveA, fixture.Deployment.L2ChainId));
    }

    public void Dispose() => _alice.Dispose();

    private (QueryChannel Channel, QueryRequest Request) Ask()
    {
        var l1 = new L1Network(fixture.Deployment, fixture.Rpc);
        var channel = new QueryChannel((_, _) => throw new InvalidOperationException("no node in these tests"), l1, fixture.Deployment.L2ChainId, SystemRandomSource.Instance);
        return (channel, channel.CreateRequest(_alice, QueryKind.Account, []));
    }

    private QueryReply Reply(QueryRequest request, RollupAnchor anchor, Secp256k1KeyPair enclave)
    {
        var response = QueryResponse.Create(request.RequestId, true, string.Empty, anchor, new AccountSummary(new UInt256(7), 3).Encode(), enclave);
        return new QueryReply(QueryEnvelope.EncryptResponse(response, _alice.ViewingKey.CompressedPublicKey, SystemRandomSource.Instance), 0, string.Empty);
    }

    private async Task<RollupAnchor> PublishedAnchorAsync()
    {
        var published = await fixture.PublishChildAsync([]);
        var block = await fixture.Rpc.GetBlockByNumberAsync(BlockTag.At(published.Origin.BlockNumber!.Value)) ?? throw new InvalidOperationException("no block");
        return new RollupAnchor(published.RollupHash, published.Generation, block.Number, block.Hash);
    }
}
