using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Queries;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Grains.Tests.Enclave;

[Collection(EnclaveNetworkDefinition.Name)]
public sealed class EnclaveTransactionTests(EnclaveNetworkFixture fixture)
{
    private static readonly UInt256 Ether = EnclaveNetworkFixture.Ether;
    private static readonly UInt256 Fee = Protocol.Execution.NetworkRules.Devnet.TransactionFee;

    [Fact]
    public async Task A_deposit_is_credited_only_once_a_rollup_including_it_is_in_an_L1_block_and_the_verifier_agrees()
    {
        var network = await TestNetwork.DeployAsync(fixture, "deposit");
        await network.ProvisionAsync();
        var (a, b) = (network.A, network.B);
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("deposit-alice");
        var enclaveA = (await a.Enclave.GetStatusAsync()).EnclaveAddress;
        var enclaveB = (await b.Enclave.GetStatusAsync()).EnclaveAddress;

        await network.DepositAsync(alice.Address, Ether);
        await a.SyncAsync();
        await b.SyncAsync();
        Assert.Equal(UInt256.Zero, (await alice.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);

        // One candidate per parent: asking again, even with other pending transactions, returns the same signed rollup.
        var candidate = await a.Enclave.ProduceCandidateAsync([]);
        var again = await a.Enclave.ProduceCandidateAsync([new SealedTransaction(Keccak256.Hash("not sealed by an enclave"u8), [1, 2, 3])]);
        Assert.NotNull(candidate.Rollup);
        Assert.Equal(candidate.Rollup.RollupHash, again.Rollup!.RollupHash);
        Assert.Equal(candidate.Rollup.Nonce, again.Rollup.Nonce);
        Assert.Equal(0UL, candidate.Rollup.Generation);
        Assert.Equal(enclaveA, candidate.Rollup.Aggregator);
        Assert.Single(again.Unincludable);

        // A candidate is not on L1: still nothing credited.
        Assert.Equal(UInt256.Zero, (await alice.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);

        await a.PublishAsync(candidate.Rollup);
        var outcomes = await a.SyncAsync();
        var outcome = Assert.Single(outcomes);
        Assert.True(outcome.HeadChanged);
        Assert.Equal(candidate.Rollup.RollupHash, outcome.HeadRollup);
        Assert.Equal("canonical", Assert.Single(outcome.Rollups).Standing);

        var atA = await alice.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode, enclaveA);
        Assert.Equal(Ether, atA.Balance);

        // The verifier checked the same rollup from L1 alone and answers the same, signed by its own enclave.
        var verifierOutcomes = await b.SyncAsync();
        Assert.Contains(verifierOutcomes.SelectMany(o => o.Rollups), r => r.RollupHash == candidate.Rollup.RollupHash && r.Standing == "canonical");
        Assert.Equal(outcome.HeadRollup, (await b.Enclave.GetStatusAsync()).HeadRollup);
        var atB = await alice.AskAsync(b, QueryKind.Account, [], networkKey, AccountSummary.Decode, enclaveB);
        Assert.Equal(Ether, atB.Balance);
    }

    [Fact]
    public async Task Admission_accepts_an_encrypted_transfer_refuses_bad_input_and_queries_see_it_only_after_L1_inclusion()
    {
        var network = await TestNetwork.DeployAsync(fixture, "admission");
        await network.ProvisionAsync(withVerifier: false);
        var a = network.A;
        var networkKey = await network.NetworkPublicKeyAsync();
        using var alice = new L2Wallet("admission-alice");
        using var bob = new L2Wallet("admission-bob");
        await Rollups.DepositAndPublishAsync(network, alice.Address, Ether);

        // Every kind of bad input gets its own reason.
        await AssertRejectedAsync(a, RandomBytes(150), TransactionRejection.NotDecryptable);
        await AssertRejectedAsync(a, L2Wallet.Encrypt(alice.SignTransfer(0, bob.Address, Ether / 10, chainId: 999), networkKey), TransactionRejection.WrongChainId);
        await AssertRejectedAsync(a, L2Wallet.Encrypt(BreakSignature(alice.SignTransfer(0, bob.Address, Ether / 10)), networkKey), TransactionRejection.InvalidSignature);
        await AssertRejectedAsync(a, L2Wallet.Encrypt(alice.SignTransfer(0, bob.Address, Ether * new UInt256(2)), networkKey), TransactionRejection.InsufficientFunds);

        var transfer = alice.SignTransfer(0, bob.Address, Ether / 10);
        var verdict = await a.AdmitAsync(L2Wallet.Encrypt(transfer, networkKey));
        Assert.True(verdict.Accepted, verdict.Message);
        var admitted = verdict.Transaction!;
        Assert.Equal(Keccak256.Hash(transfer), admitted.TransactionHash);
        Assert.False(Contains(admitted.Sealed, transfer), "the sealed transaction holds the signed transaction in plaintext");
        Assert.False(Contains(admitted.Sealed, alice.Address.ToArray()), "the sealed transaction holds the sender in plaintext");

        // Admitted but not in an L1-included rollup: unknown to everyone, its sender included.
        var pending = await alice.AskAsync(a, QueryKind.Transaction, admitted.TransactionHash.ToArray(), networkKey, TransactionAnswer.Decode);
        Assert.Equal(TransactionState.Unknown, pending.State);

        var candidate = await a.Enclave.ProduceCandidateAsync([admitted]);
        Assert.Equal([admitted.TransactionHash], candidate.IncludedTransactions);
        Assert.Equal(TransactionState.Unknown, (await alice.AskAsync(a, QueryKind.Transaction, admitted.TransactionHash.ToArray(), networkKey, TransactionAnswer.Decode)).State);
        await a.PublishAsync(candidate.Rollup!);
        var included = await a.SyncAsync();
        Assert.Contains(admitted.TransactionHash, included.SelectMany(o => o.IncludedTransactions));

        // Now on L1: balances, nonce, history and status, each answered to its own account only.
        var aliceAccount = await alice.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode);
        Assert.Equal(Ether - (Ether / 10) - Fee, aliceAccount.Balance);
        Assert.Equal(1UL, aliceAccount.Nonce);
        Assert.Equal(Ether / 10, (await bob.AskAsync(a, QueryKind.Account, [], networkKey, AccountSummary.Decode)).Balance);
        var status = await alice.AskAsync(a, QueryKind.Transaction, admitted.TransactionHash.ToArray(), networkKey, TransactionAnswer.Decode);
        Assert.Equal(TransactionState.Succeeded, status.State);
        Assert.Equal(candidate.Rollup!.RollupHash, status.RollupHash);
        Assert.Equal(Fee, status.FeePaid);
        var aliceHistory = Assert.Single(await alice.AskAsync(a, QueryKind.History, [], networkKey, HistoryEntry.DecodeList));
        Assert.True(aliceHistory.Outgoing);
        Assert.Equal(bob.Address, aliceHistory.Counterparty);
        Assert.Equal(Ether / 10, aliceHistory.Amount);
        var bobHistory = Assert.Single(await bob.AskAsync(a, QueryKind.History, [], networkKey, HistoryEntry.DecodeList));
        Assert.False(bobHistory.Outgoing);
        Assert.Equal(alice.Address, bobHistory.Counterparty);

        // Bob's viewing key cannot read Alice's account: refused in the clear, nothing encrypted comes back.
        var (prying, _) = bob.Query(QueryKind.Account, [], networkKey, account: alice.Address);
        var refused = await a.QueryAsync(prying);
        Assert.Null(refused.EncryptedResponse);
        Assert.Equal((byte)QueryRejection.GrantForAnotherAccount, refused.Rejection);
        var garbage = await a.QueryAsync(RandomBytes(200));
        Assert.Equal((byte)QueryRejection.NotDecryptable, garbage.Rejection);

        // The same transaction again: its nonce is used. The mempool learns to drop it from the next candidate too.
        await AssertRejectedAsync(a, L2Wallet.Encrypt(transfer, networkKey), TransactionRejection.NonceTooLow);
        var next = await a.Enclave.ProduceCandidateAsync([admitted]);
        Assert.Equal([admitted.TransactionHash], next.Unincludable);
        Assert.Empty(next.IncludedTransactions);
    }

    private static async Task AssertRejectedAsync(NodeHost node, byte[] ciphertext, TransactionRejection reason)
    {
        var verdict = await node.AdmitAsync(ciphertext);
        Assert.False(verdict.Accepted);
        Assert.Equal((byte)reason, verdict.Reason);
        Assert.Null(verdict.Transaction);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Message));
    }

    /// <summary>The same transaction with r changed: its signature recovers no sender (or another), so it is refused as a bad signature.</summary>
    private static byte[] BreakSignature(byte[] signed)
    {
        var tx = (DynamicFeeTransaction)Transaction.Decode(signed);
        var signature = tx.Signature!.Value;
        return tx.WithSignature(signature with { R = UInt256.Zero }).Encode();
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
