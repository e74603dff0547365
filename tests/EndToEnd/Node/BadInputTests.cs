using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Keys;
using Obscuro.Client.Transactions;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Queries;
using Obscuro.Protocol.Transactions;
using Obscuro.Silo.Devnet;

namespace Obscuro.EndToEnd.Tests.Node;

/// <summary>
/// Bad input reaching a real node through its public API (issue 5): garbage, a wrong chain id, a malleated signature,
/// a replayed nonce, a low fee cap and overspends are each refused with their own reason, while a valid transaction submitted just
/// before them is included as if nothing had happened, and balances and nonces move only by what the valid ones did.
/// </summary>
public sealed class BadInputTests(DevnetFixture devnet) : IClassFixture<DevnetFixture>
{
    private const int Mallory = 7;
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);

    // secp256k1's group order: n − s is the other valid s of the same signature, which only the low-s rule refuses.
    private static readonly UInt256 CurveOrder = UInt256.Parse("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");

    [Fact]
    public async Task Each_bad_submission_is_refused_with_its_reason_and_disturbs_nothing()
    {
        var mallory = devnet.Account(Mallory);
        var payee = devnet.Account(8);
        var wallet = devnet.CreateClient();
        var api = devnet.Aggregator.Api;
        var feePerGas = await wallet.L1.GetL2FeePerGasAsync();
        var fee = L2Fees.PerTransaction(feePerGas);
        var networkKey = await wallet.L1.GetNetworkPublicKeyAsync();
        var token = await wallet.Assets.ResolveAsync(devnet.Deployment.TestToken!.Value.ToChecksumString());
        var funded = Ether;
        await wallet.DepositAsync(mallory, Asset.Eth, funded);
        await Poll.UntilAsync(() => wallet.GetAccountAsync(mallory), a => a.Value.Balance == funded, "mallory's deposit credited");

        // A valid transfer goes in first and stays pending while the bad input arrives.
        var paid = Ether / new UInt256(10);
        var valid = await wallet.SubmitAsync(mallory, L2Calls.Transfer(Asset.Eth, payee.Address, paid));
        Assert.Equal(0UL, valid.Nonce);

        // Sending the pending transaction again is idempotent: acknowledged under the same hash, included once (below).
        var again = await api.SubmitTransactionAsync(valid.Ciphertext);
        Assert.Equal((true, valid.TransactionHash), (again.Accepted, again.TransactionHash));

        var random = new byte[300];
        System.Security.Cryptography.RandomNumberGenerator.Fill(random);
        await AssertRefusedAsync(api, random, TransactionRejection.NotDecryptable, "garbage ciphertext");
        await AssertRefusedAsync(api, [], TransactionRejection.Malformed, "an empty submission");
        await AssertRefusedAsync(api, new byte[8_192], TransactionRejection.TooLarge, "an oversized submission");

        var wrongChain = Sign(Unsigned(devnet.Deployment.L2ChainId + 1, 1, feePerGas, payee.Address, paid));
        await AssertRefusedAsync(api, Encrypt(networkKey, wrongChain.Encode()), TransactionRejection.WrongChainId, "a transaction signed for another chain");

        var signed = Sign(Unsigned(devnet.Deployment.L2ChainId, 1, feePerGas, payee.Address, paid));
        var signature = signed.Signature!.Value;
        var malleated = signed.WithSignature(new TransactionSignature(UInt256.One - signature.V, signature.R, CurveOrder - signature.S));
        await AssertRefusedAsync(api, Encrypt(networkKey, malleated.Encode()), TransactionRejection.InvalidSignature, "a high-s (malleated) signature");

        var overspend = Sign(Unsigned(devnet.Deployment.L2ChainId, 1, feePerGas, payee.Address, funded - fee + UInt256.One));
        await AssertRefusedAsync(api, Encrypt(networkKey, overspend.Encode()), TransactionRejection.InsufficientFunds, "value + fee one wei above the balance");

        var lowFee = Sign(Unsigned(devnet.Deployment.L2ChainId, 1, feePerGas - UInt256.One, payee.Address, paid));
        await AssertRefusedAsync(api, Encrypt(networkKey, lowFee.Encode()), TransactionRejection.FeeCapBelowNetworkFee, "a fee cap one wei per gas below the fee on L1");

        // The valid transfer is included untouched by all of that.
        var included = await wallet.WaitForInclusionAsync(mallory, valid.TransactionHash);
        Assert.Equal((TransactionState.Succeeded, fee), (included.Value.State, included.Value.FeePaid));
        var expected = funded - paid - fee;
        await AssertAccountAsync(wallet, mallory, expected, 1);
        await AssertAccountAsync(wallet, payee, paid, 0);

        // Replays after inclusion: the same ciphertext, and a new transaction reusing the spent nonce.
        await AssertRefusedAsync(api, valid.Ciphertext, TransactionRejection.NonceTooLow, "the included transaction replayed");
        var reused = Sign(Unsigned(devnet.Deployment.L2ChainId, 0, feePerGas, payee.Address, paid));
        await AssertRefusedAsync(api, Encrypt(networkKey, reused.Encode()), TransactionRejection.NonceTooLow, "a new transaction with a used nonce");

        // A token overspend passes admission (the fee is covered) and fails in execution: the receipt says why, the fee
        // and nonce are spent, the token balances are untouched.
        var tokenOverspend = await wallet.SubmitAsync(mallory, L2Calls.Transfer(token, payee.Address, UInt256.One));
        var failed = await wallet.WaitForInclusionAsync(mallory, tokenOverspend.TransactionHash);
        Assert.Equal((TransactionState.Failed, fee, "insufficient token balance"), (failed.Value.State, failed.Value.FeePaid, failed.Value.FailureReason));
        await AssertAccountAsync(wallet, mallory, expected - fee, 2);
        Assert.Equal(UInt256.Zero, (await wallet.GetTokenBalanceAsync(mallory, token)).Value);
        Assert.Equal(UInt256.Zero, (await wallet.GetTokenBalanceAsync(payee, token)).Value);
    }

    private static async Task AssertRefusedAsync(INodeApiGrain api, byte[] ciphertext, TransactionRejection reason, string what)
    {
        var result = await api.SubmitTransactionAsync(ciphertext);
        Assert.False(result.Accepted, $"{what} was accepted");
        Assert.True((byte)reason == result.Reason, $"{what}: expected {reason}, got {(TransactionRejection)result.Reason} ({result.Message})");
        Assert.Null(result.TransactionHash);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    private static async Task AssertAccountAsync(ObscuroClient wallet, UnlockedAccount account, UInt256 balance, ulong nonce)
    {
        var summary = (await wallet.GetAccountAsync(account)).Value;
        Assert.Equal((balance, nonce), (summary.Balance, summary.Nonce));
    }

    private static DynamicFeeTransaction Unsigned(ulong chainId, ulong nonce, UInt256 feePerGas, Address to, UInt256 value) =>
        new(chainId, nonce, UInt256.Zero, feePerGas, L2Fees.GasLimit, to, value, ReadOnlyMemory<byte>.Empty, []);

    private static DynamicFeeTransaction Sign(DynamicFeeTransaction unsigned) => unsigned.Sign(DevnetAccounts.PrivateKey(Mallory));

    // Always the real network's submission format (its key and its chain id's associated data), so that only the
    // transaction inside is wrong.
    private byte[] Encrypt(byte[] networkKey, byte[] raw) =>
        Ecies.Encrypt(networkKey, raw, SubmissionFormat.TransactionAssociatedData(devnet.Deployment.L2ChainId), SystemRandomSource.Instance);
}
