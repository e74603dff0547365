using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Keys;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Grains;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;
using Obscuro.Protocol.Transactions;

namespace Obscuro.EndToEnd.Tests.Wallet;

/// <summary>
/// Two users on a live devnet: whatever Bob sends through the gateway, he learns nothing of Alice's balance, receipts or
/// history. His own signed queries about her transaction answer "unknown"; queries about her account with his viewing
/// key or grant are refused in the clear with no answer; her replayed query gets an answer only her viewing key opens;
/// and the node's internal grains refuse a gateway client outright.
/// </summary>
[Collection(WalletDevnet.Name)]
public sealed class PrivacyTests(DevnetFixture devnet)
{
    private static readonly Lock Gate = new();
    private static DevnetFixture? SharedFor;
    private static Task<Users>? Shared;
    private Users? Setup;
    [Fact]
    public async Task Neither_user_can_read_the_other_users_balance_receipts_or_history()
    {
        var (client, alice, bob, aliceTransaction, bobTransaction) = await TwoUsersAsync();

        // Bob's own verified queries know nothing of Alice's transaction; Alice's know nothing of Bob's.
        var bobAsksAlicesTransaction = await client.GetTransactionAsync(bob.Keys, aliceTransaction);
        Assert.Equal(new TransactionAnswer(aliceTransaction, TransactionState.Unknown, Hash256.Zero, 0, UInt256.Zero, string.Empty), bobAsksAlicesTransaction.Value);
        var aliceAsksBobsTransaction = await client.GetTransactionAsync(alice.Keys, bobTransaction);
        Assert.Equal(TransactionState.Unknown, aliceAsksBobsTransaction.Value.State);
        var bobHistory = (await client.GetHistoryAsync(bob.Keys)).Value;
        Assert.DoesNotContain(bobHistory, e => e.TransactionHash == aliceTransaction || e.Counterparty == alice.User.Address);
        var aliceHistory = (await client.GetHistoryAsync(alice.Keys)).Value;
        Assert.DoesNotContain(aliceHistory, e => e.TransactionHash == bobTransaction || e.Counterparty == bob.User.Address);
        var status = (await bob.User.RunAsync("status", aliceTransaction.ToString(), "--json")).Ok().Json;
        Assert.Equal("pending or unknown", status["status"]!.GetValue<string>());
        Assert.Null(status["rollup"]);
        Assert.Null(status["fee"]);

        // Alice's own view, for contrast: the same queries answer her.
        Assert.Equal(TransactionState.Succeeded, (await client.GetTransactionAsync(alice.Keys, aliceTransaction)).Value.State);
        Assert.Contains(aliceHistory, e => e.TransactionHash == aliceTransaction && e.Outgoing);
    }

    [Fact]
    public async Task Queries_about_another_account_are_refused_with_no_answer_whatever_key_or_grant_they_carry()
    {
        var (client, alice, bob, aliceTransaction, _) = await TwoUsersAsync();
        var ott = await client.Assets.ResolveAsync("OTT");
        var node = await client.GetNodeAsync();
        var networkKey = await client.L1.GetNetworkPublicKeyAsync();
        var chainId = devnet.Deployment.L2ChainId;
        (QueryKind Kind, byte[] Argument)[] questions =
        [
            (QueryKind.Account, []),
            (QueryKind.TokenBalance, ott.L2Address.ToArray()),
            (QueryKind.Transaction, aliceTransaction.ToArray()),
            (QueryKind.History, []),
        ];

        foreach (var (kind, argument) in questions)
        {
            // Alice's address, Bob's viewing key and Bob's grant.
            var withBobsGrant = bob.Keys.UseViewingKey(key => QueryRequest.Create(chainId, kind, alice.User.Address, argument, bob.Keys.GrantFor(chainId), key, SystemRandomSource.Instance));
            await AssertRefusedAsync(node, withBobsGrant, networkKey, QueryRejection.GrantForAnotherAccount);

            // Alice's address and Alice's grant (say Bob saw it), signed by Bob's viewing key.
            var withAlicesGrant = bob.Keys.UseViewingKey(key => QueryRequest.Create(chainId, kind, alice.User.Address, argument, alice.Keys.GrantFor(chainId), key, SystemRandomSource.Instance));
            await AssertRefusedAsync(node, withAlicesGrant, networkKey, QueryRejection.InvalidSignature);

            // Alice's grant signature with Bob's viewing key put in it: the grant no longer recovers to Alice.
            var grafted = new ViewingKeyGrant(bob.Keys.GrantFor(chainId).ViewingPublicKey, alice.Keys.GrantFor(chainId).Signature);
            var withGraftedGrant = bob.Keys.UseViewingKey(key => QueryRequest.Create(chainId, kind, alice.User.Address, argument, grafted, key, SystemRandomSource.Instance));
            await AssertRefusedAsync(node, withGraftedGrant, networkKey, QueryRejection.GrantForAnotherAccount);

            // Alice's own query, captured and replayed by Bob: the node answers, but only Alice's viewing key opens it.
            var alicesQuery = alice.Keys.UseViewingKey(key => QueryRequest.Create(chainId, kind, alice.User.Address, argument, alice.Keys.GrantFor(chainId), key, SystemRandomSource.Instance));
            var replayed = await node.QueryAsync(QueryEnvelope.EncryptRequest(alicesQuery, networkKey, SystemRandomSource.Instance));
            Assert.NotNull(replayed.EncryptedResponse);
            var notForBob = Assert.Throws<QueryRejectedException>(() => QueryEnvelope.DecryptResponse(replayed.EncryptedResponse, bob.Keys.ViewingKey, alicesQuery.RequestId));
            Assert.Equal(QueryRejection.NotDecryptable, notForBob.Reason);
            Assert.True(QueryEnvelope.DecryptResponse(replayed.EncryptedResponse, alice.Keys.ViewingKey, alicesQuery.RequestId).Ok);
        }
    }

    [Fact]
    public async Task A_gateway_client_calling_the_nodes_internal_grains_is_rejected_by_the_call_filter()
    {
        foreach (var devnetNode in devnet.Nodes)
        {
            var client = devnet.CreateClient(devnetNode);
            var connection = await client.GetNodeAsync();
            var grains = connection.Client;
            var id = devnetNode.Spec.NodeId;
            var ciphertext = new byte[] { 1, 2, 3 };
            (string Interface, Func<Task> Call)[] calls =
            [
                (nameof(IEnclaveGrain), () => grains.GetGrain<IEnclaveGrain>(id).GetStatusAsync()),
                (nameof(IEnclaveGrain), () => grains.GetGrain<IEnclaveGrain>(id).ProduceCandidateAsync([])),
                (nameof(IAccountGrain), () => grains.GetGrain<IAccountGrain>($"{id}/0").GetSealedSnapshotAsync()),
                (nameof(IAccountGrain), () => grains.GetGrain<IAccountGrain>($"{id}/0").ApplyAsync(ciphertext)),
                (nameof(IQueryGrain), () => grains.GetGrain<IQueryGrain>(0).AnswerAsync(id, ciphertext)),
                (nameof(IAdmissionGrain), () => grains.GetGrain<IAdmissionGrain>(0).AdmitAsync(id, ciphertext)),
                (nameof(IMempoolGrain), () => grains.GetGrain<IMempoolGrain>(id).GetPendingAsync(100)),
                (nameof(IMempoolGrain), () => grains.GetGrain<IMempoolGrain>(id).SubmitAsync(ciphertext)),
                (nameof(INodeCoordinatorGrain), () => grains.GetGrain<INodeCoordinatorGrain>(id).GetStatusAsync()),
                (nameof(IPublisherGrain), () => grains.GetGrain<IPublisherGrain>(id).PublishCandidateAsync()),
                (nameof(IL1WatcherGrain), () => grains.GetGrain<IL1WatcherGrain>(id).GetHeadAsync()),
                (nameof(IRollupGrain), () => grains.GetGrain<IRollupGrain>($"{id}/{Hash256.Zero}").GetAsync()),
                (nameof(ISiloDirectoryGrain), () => grains.GetGrain<ISiloDirectoryGrain>(0).GetSilosAsync()),
            ];

            foreach (var (name, call) in calls)
            {
                var rejected = await Assert.ThrowsAsync<ClientCallRejectedException>(call);
                Assert.Contains(name, rejected.Message, StringComparison.Ordinal);
            }

            // The same connection still reaches the public API: the refusals are the filter, not a broken client.
            Assert.Equal(id, (await connection.GetStatusAsync()).NodeId);
        }
    }

    [Fact]
    public async Task A_captured_transaction_replayed_through_the_gateway_tells_the_replayer_nothing_about_its_sender()
    {
        var (client, alice, bob, aliceTransaction, _) = await TwoUsersAsync();
        var aliceBefore = await client.GetAccountAsync(alice.Keys);
        var bobsClient = devnet.CreateClient();

        // Alice's ciphertext, as a host or a gossip peer sees it, sent again by Bob: refused, and the refusal carries
        // nothing of Alice's account (her next nonce would tell how many transactions she has sent since).
        var replay = await (await bobsClient.GetNodeAsync()).SubmitTransactionAsync(Setup!.AliceCiphertext);

        Assert.False(replay.Accepted);
        Assert.Equal(TransactionRejection.NonceTooLow, (TransactionRejection)replay.Reason);
        Assert.DoesNotMatch("[0-9]", replay.Message);
        Assert.Equal(aliceBefore.Value, (await client.GetAccountAsync(alice.Keys)).Value);
        Assert.Equal(TransactionState.Succeeded, (await client.GetTransactionAsync(alice.Keys, aliceTransaction)).Value.State);
    }

    private static async Task AssertRefusedAsync(Client.Node.NodeConnection node, QueryRequest request, byte[] networkKey, QueryRejection expected)
    {
        var reply = await node.QueryAsync(QueryEnvelope.EncryptRequest(request, networkKey, SystemRandomSource.Instance));
        Assert.Null(reply.EncryptedResponse);
        Assert.Equal(expected, (QueryRejection)reply.Rejection);
    }

    /// <summary>Alice and Bob, funded, each with one transfer to somebody else; made once for the class (the tests only read).</summary>
    private async Task<(ObscuroClient Client, Person Alice, Person Bob, Hash256 AliceTransaction, Hash256 BobTransaction)> TwoUsersAsync()
    {
        Task<Users> setup;
        lock (Gate)
        {
            if (Shared is null || SharedFor != devnet)
            {
                SharedFor = devnet;
                Shared = CreateUsersAsync(devnet);
            }

            setup = Shared;
        }

        var users = await setup;
        Setup = users;
        return (users.Client, users.Alice, users.Bob, users.AliceTransaction, users.BobTransaction);
    }

    private static async Task<Users> CreateUsersAsync(DevnetFixture devnet)
    {
        var alice = await WalletUser.CreateAsync(devnet, "alice");
        var bob = await WalletUser.CreateAsync(devnet, "bob");
        var client = devnet.CreateClient();
        var aliceKeys = alice.Unlock();
        var bobKeys = bob.Unlock();
        await client.DepositAsync(aliceKeys, Asset.Eth, Asset.Eth.Parse("1"));
        await client.DepositAsync(bobKeys, Asset.Eth, Asset.Eth.Parse("1"));
        await Poll.UntilAsync(() => client.GetAccountAsync(aliceKeys), a => !a.Value.Balance.IsZero, "alice's deposit credited");
        await Poll.UntilAsync(() => client.GetAccountAsync(bobKeys), a => !a.Value.Balance.IsZero, "bob's deposit credited");

        // Each pays somebody else (not the other): nothing of one may reach the other.
        var fromAlice = await client.TransferAsync(aliceKeys, Asset.Eth, Address.Parse("0x00000000000000000000000000000000000a11ce"), Asset.Eth.Parse("0.1"));
        var fromBob = await client.TransferAsync(bobKeys, Asset.Eth, Address.Parse("0x0000000000000000000000000000000000000b0b"), Asset.Eth.Parse("0.2"));
        return new Users(client, new Person(alice, aliceKeys), new Person(bob, bobKeys), fromAlice.TransactionHash, fromBob.TransactionHash, fromAlice.Submission.Ciphertext);
    }

    private sealed record Users(ObscuroClient Client, Person Alice, Person Bob, Hash256 AliceTransaction, Hash256 BobTransaction, byte[] AliceCiphertext);

    private sealed record Person(WalletUser User, UnlockedAccount Keys);
}
