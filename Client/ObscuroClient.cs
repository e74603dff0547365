using System.Collections.Concurrent;
using System.Diagnostics;
using Obscuro.Client.Amounts;
using Obscuro.Client.Configuration;
using Obscuro.Contracts.Deployment;
using Obscuro.Client.Errors;
using Obscuro.Client.Keys;
using Obscuro.Client.L1;
using Obscuro.Client.Node;
using Obscuro.Client.Queries;
using Obscuro.Client.Reveal;
using Obscuro.Client.Transactions;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Queries;
using Obscuro.Protocol.Reveal;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Client;

/// <summary>
/// The wallet library's entry point: one network (its deployment), the L1 behind it and, connected on first use, one of
/// its nodes. Everything about an account goes through signed queries whose answers are verified against L1
/// (<see cref="AnswerVerifier"/>); every L2 transaction is signed locally and encrypted to the network key read from
/// L1; deposits and withdrawal finalisations are L1 transactions signed locally. Thread-safe.
/// </summary>
public sealed class ObscuroClient : IAsyncDisposable
{
    private readonly ClientOptions _options;
    private readonly HttpClient? _ownedHttp;
    private readonly SemaphoreSlim _nodeLock = new(1, 1);
    private readonly ConcurrentDictionary<Address, ulong> _nextNonces = new();
    private readonly Lazy<Task> _chainCheck;
    private readonly QueryChannel _queries;
    private NodeConnection? _node;

    private ObscuroClient(ClientOptions options, HttpClient http, bool ownsHttp)
    {
        _options = options;
        _ownedHttp = ownsHttp ? http : null;
        var rpc = new EthRpcClient(http, new EthRpcOptions
        {
            Endpoint = options.L1Rpc ?? new Uri(options.Deployment.L1Endpoint),
            MaxAttempts = options.L1MaxAttempts,
            RequestTimeout = options.L1RequestTimeout,
        });
        L1 = new L1Network(options.Deployment, rpc);
        Assets = new AssetResolver(L1);
        Bridge = new L1Bridge(L1, options.L1Sender, options.Wait);
        Node = options.Node ?? NodeEndpoint.Devnet;
        _chainCheck = new Lazy<Task>(() => L1.CheckChainAsync());
        _queries = new QueryChannel(async (request, token) => await (await GetNodeAsync(token).ConfigureAwait(false)).QueryAsync(request, token).ConfigureAwait(false), L1, options.Deployment.L2ChainId, options.Random);
    }

    public NetworkDeployment Deployment => _options.Deployment;

    public L1Network L1 { get; }

    public AssetResolver Assets { get; }

    public L1Bridge Bridge { get; }

    /// <summary>The node this client talks to.</summary>
    public NodeEndpoint Node { get; }

    /// <param name="options">The network and the client's patience.</param>
    /// <param name="http">An HTTP client for the L1 JSON-RPC (not disposed here); a new one when null.</param>
    public static ObscuroClient Create(ClientOptions options, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ObscuroClient(options, http ?? new HttpClient(), http is null);
    }

    /// <summary>Checks once per client that the L1 endpoint is the deployment's chain with its contracts.</summary>
    public Task EnsureL1Async() => _chainCheck.Value;

    /// <summary>The node connection, connecting on first use.</summary>
    public async Task<NodeConnection> GetNodeAsync(CancellationToken cancellationToken = default)
    {
        if (_node is { } connected)
        {
            return connected;
        }

        await _nodeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _node ??= await NodeConnection.ConnectAsync(
                new NodeConnectionOptions(Node) { ConnectTimeout = _options.NodeConnectTimeout, CallRetryWindow = _options.NodeCallRetryWindow },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _nodeLock.Release();
        }
    }

    public async Task<NodeStatus> GetNodeStatusAsync(CancellationToken cancellationToken = default) =>
        await (await GetNodeAsync(cancellationToken).ConfigureAwait(false)).GetStatusAsync(cancellationToken).ConfigureAwait(false);

    // ---- signed queries ----

    /// <summary>ETH balance and next nonce, as of the latest rollup on L1 (pending transactions are not counted).</summary>
    public Task<VerifiedAnswer<AccountSummary>> GetAccountAsync(UnlockedAccount account, CancellationToken cancellationToken = default) =>
        AskAsync(account, QueryKind.Account, [], payload => AccountSummary.Decode(payload), cancellationToken);

    /// <summary>The account's balance of a token's wrapped version on L2 (base units).</summary>
    public Task<VerifiedAnswer<UInt256>> GetTokenBalanceAsync(UnlockedAccount account, Asset token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.IsEth)
        {
            throw new ArgumentException("ETH is not a token; use GetAccountAsync.", nameof(token));
        }

        return AskAsync(account, QueryKind.TokenBalance, token.L2Address.ToArray(), payload =>
        {
            var answer = TokenBalanceAnswer.Decode(payload);
            return answer.Token == token.L2Address ? answer.Amount : throw new RlpException("Invalid answer: the balance is of another token.");
        }, cancellationToken);
    }

    /// <summary>The status of one of the account's transactions; <see cref="TransactionState.Unknown"/> until its rollup is on L1.</summary>
    public Task<VerifiedAnswer<TransactionAnswer>> GetTransactionAsync(UnlockedAccount account, Hash256 transactionHash, CancellationToken cancellationToken = default) =>
        AskAsync(account, QueryKind.Transaction, transactionHash.ToArray(), payload =>
        {
            var answer = TransactionAnswer.Decode(payload);
            return answer.TransactionHash == transactionHash ? answer : throw new RlpException("Invalid answer: it is about another transaction.");
        }, cancellationToken);

    /// <summary>The account's transactions and incoming transfers, newest first, as of the latest rollup on L1.</summary>
    public Task<VerifiedAnswer<IReadOnlyList<HistoryEntry>>> GetHistoryAsync(UnlockedAccount account, CancellationToken cancellationToken = default) =>
        AskAsync<IReadOnlyList<HistoryEntry>>(account, QueryKind.History, [], payload => HistoryEntry.DecodeList(payload), cancellationToken);

    // ---- L2 transactions ----

    /// <summary>Transfers ETH or a token on L2 and waits until the transaction is in a rollup on L1.</summary>
    public Task<TransactionOutcome> TransferAsync(UnlockedAccount account, Asset asset, Address to, UInt256 amount, IProgress<WaitStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        RequirePositive(amount, asset);
        if (SystemAddresses.IsSystem(to))
        {
            throw new InputFormatException($"{to.ToChecksumString()} is a system address; funds sent there are lost.", "Use 'obscuro withdraw' to move funds to L1, or check the recipient.");
        }

        return SendAndWaitAsync(account, L2Calls.Transfer(asset, to, amount), asset, amount, progress, cancellationToken);
    }

    /// <summary>Withdraws ETH or a token to an L1 address; waits for the rollup on L1. Finalize on L1 later.</summary>
    public Task<TransactionOutcome> WithdrawAsync(UnlockedAccount account, Asset asset, Address l1Recipient, UInt256 amount, IProgress<WaitStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(asset);
        RequirePositive(amount, asset);
        if (l1Recipient.IsZero)
        {
            throw new InputFormatException("The L1 recipient is the zero address.", "Withdraw to your own address (the default) or to a real L1 address.");
        }

        return SendAndWaitAsync(account, L2Calls.Withdraw(asset, l1Recipient, amount), asset, amount, progress, cancellationToken);
    }

    /// <summary>Signs, encrypts and submits one L2 transaction without checking funds or waiting.</summary>
    public async Task<SealedSubmission> SubmitAsync(UnlockedAccount account, L2Call call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(call);
        await EnsureL1Async().ConfigureAwait(false);
        var summary = await GetAccountAsync(account, cancellationToken).ConfigureAwait(false);
        return await SubmitAsync(account, call, summary.Value.Nonce, await L1.GetL2FeePerGasAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Polls the transaction's status until a rollup on L1 holds it (then its verified result) or the inclusion
    /// deadline passes (<see cref="WaitTimeoutException"/>; the transaction may still be included later).
    /// </summary>
    public async Task<VerifiedAnswer<TransactionAnswer>> WaitForInclusionAsync(UnlockedAccount account, Hash256 transactionHash, IProgress<WaitStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var answer = await GetTransactionAsync(account, transactionHash, cancellationToken).ConfigureAwait(false);
            if (answer.Value.State != TransactionState.Unknown)
            {
                return answer;
            }

            if (clock.Elapsed > _options.Wait.InclusionTimeout)
            {
                throw new WaitTimeoutException(
                    $"Transaction {transactionHash} is not in a rollup on L1 after {clock.Elapsed.TotalSeconds:0} s.",
                    $"It may still be included: check with 'obscuro status {transactionHash}'. Do not resend it unless its nonce is shown as used by another transaction.");
            }

            if (progress is not null)
            {
                var status = await GetNodeStatusAsync(cancellationToken).ConfigureAwait(false);
                progress.Report(new WaitStatus(
                    $"Waiting for a rollup on L1 to include {transactionHash} (node at L1 block {status.L1Head}, rollup {status.HeadGeneration}, {status.PendingTransactions} pending)",
                    clock.Elapsed));
            }

            await Task.Delay(_options.Wait.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    // ---- L1 ----

    /// <summary>Deposits into the bridge for <paramref name="l2Recipient"/> (the account itself when null).</summary>
    public async Task<DepositResult> DepositAsync(UnlockedAccount account, Asset asset, UInt256 amount, Address? l2Recipient = null, IProgress<WaitStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        await EnsureL1Async().ConfigureAwait(false);
        return await Bridge.DepositAsync(account, asset, amount, l2Recipient ?? account.Address, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Unpaid withdrawals for <paramref name="recipient"/>: from every published rollup when
    /// <paramref name="transactionHash"/> is null, else only the one that withdrawal transaction created (found through a
    /// verified status and history query of <paramref name="account"/>).
    /// </summary>
    public async Task<IReadOnlyList<PendingWithdrawal>> FindWithdrawalsAsync(UnlockedAccount account, Address recipient, Hash256? transactionHash = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        await EnsureL1Async().ConfigureAwait(false);
        if (transactionHash is not { } hash)
        {
            return await Bridge.FindPendingAsync(recipient, null, cancellationToken).ConfigureAwait(false);
        }

        var status = await GetTransactionAsync(account, hash, cancellationToken).ConfigureAwait(false);
        switch (status.Value.State)
        {
            case TransactionState.Unknown:
                throw new NotReadyException($"Transaction {hash} is not in a rollup on L1 yet.", "Wait until 'obscuro status' shows it succeeded, then finalize.");
            case TransactionState.Failed:
                throw new TransactionFailedException(hash, status.Value.FailureReason);
        }

        var entry = (await GetHistoryAsync(account, cancellationToken).ConfigureAwait(false)).Value.FirstOrDefault(e => e.TransactionHash == hash && e.Outgoing)
            ?? throw new NotFoundException($"Transaction {hash} is not in this account's history.", "Give the hash of a withdrawal this account sent.");
        var matching = (await Bridge.FindPendingAsync(entry.Counterparty, status.Value.RollupHash, cancellationToken).ConfigureAwait(false))
            .Where(p => p.Withdrawal.Amount == entry.Amount && (p.Withdrawal.Token == entry.Token || SystemAddresses.WrappedToken(p.Withdrawal.Token) == entry.Token))
            .ToList();
        return matching.Count > 0
            ? [matching[0]]
            : throw new NotFoundException(
                $"Rollup {status.Value.RollupHash} has no unpaid withdrawal of transaction {hash}: it was paid already, or the transaction is not a withdrawal.",
                "Check your L1 balance; 'obscuro finalize' without a hash lists what is still unpaid.");
    }

    /// <summary>Waits until the withdrawal is payable, then pays it on L1 (the account pays the gas).</summary>
    public async Task<FinalizedWithdrawal> FinalizeAsync(UnlockedAccount account, PendingWithdrawal withdrawal, IProgress<WaitStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        await EnsureL1Async().ConfigureAwait(false);
        return await Bridge.FinalizeAsync(account, withdrawal, progress, cancellationToken).ConfigureAwait(false);
    }

    // ---- reveal (no account needed) ----

    /// <summary>
    /// The node's release of one reveal interval (key and group positions), signed by an enclave that is registered on
    /// L1. Before the interval has ended on L1 the node refuses: <see cref="NotReadyException"/> with its reason.
    /// </summary>
    public async Task<RevealRelease> GetRevealAsync(RevealOption option, ulong interval, CancellationToken cancellationToken = default)
    {
        await EnsureL1Async().ConfigureAwait(false);
        var node = await GetNodeAsync(cancellationToken).ConfigureAwait(false);
        var reply = await node.RevealAsync(option, interval, cancellationToken).ConfigureAwait(false);
        if (reply.Release is null)
        {
            var hint = reply.IncludedHeadGeneration is { } head && reply.ReleasedFromGeneration > head
                ? $"Ask again once rollup generation {reply.ReleasedFromGeneration} is on L1 (the node's latest is {head})."
                : "Ask again later, or ask another node with --node.";
            throw new NotReadyException($"Node '{node.NodeId}' does not release interval {interval} of {option}: {reply.Refusal}", hint);
        }

        RevealRelease release;
        try
        {
            release = RevealRelease.Decode(reply.Release);
        }
        catch (RlpException e)
        {
            throw new AnswerVerificationException(VerificationFailure.MalformedPayload, $"Node '{node.NodeId}' answered with a malformed reveal release: {e.Message}", e);
        }

        if (release.Option != option || release.Interval != interval)
        {
            throw new AnswerVerificationException(VerificationFailure.WrongRequest, $"Node '{node.NodeId}' answered with the release of interval {release.Interval} of {release.Option}, not {interval} of {option}.");
        }

        await RequireRegisteredSignerAsync(release, cancellationToken).ConfigureAwait(false);
        return release;
    }

    /// <summary>
    /// Fetches the interval's rollups from L1 (never from the node) and checks that the key opens exactly the released
    /// option's group at each stated position: a wrong key is <see cref="ClientErrorKind.RevealKeyWrong"/>, wrong
    /// positions or rollups <see cref="ClientErrorKind.RevealPositionsWrong"/>. Then whether the release is signed by an
    /// enclave registered on L1. <paramref name="key"/> replaces the release's key (a key published elsewhere).
    /// </summary>
    public async Task<RevealedInterval> VerifyRevealAsync(RevealRelease release, byte[]? key = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(release);
        await EnsureL1Async().ConfigureAwait(false);
        var lengths = Deployment.RevealLengths;
        var schedule = new RevealSchedule(lengths[0], lengths[1], lengths[2], lengths[3], lengths[4]);
        var (first, last) = schedule.GenerationsOf(release.Option, release.Interval);
        var rollups = await L1.GetPublishedRollupsAsync([.. release.Entries.Select(e => e.RollupHash)], cancellationToken).ConfigureAwait(false);
        IReadOnlyList<(SignedRollup Rollup, IReadOnlyList<byte[]> Transactions)> opened;
        try
        {
            opened = RevealVerifier.Open(key is null ? release : release with { Key = key }, rollups, schedule);
        }
        catch (RevealVerificationException e)
        {
            throw new RevealVerificationFailedException(e.Failure, $"Interval {release.Interval} of {release.Option} (generations {first}–{last}) on L1: {e.Message}", e);
        }

        var signed = release.IsSignedByEnclave() && await L1.CheckEnclaveAsync(release.Enclave, cancellationToken).ConfigureAwait(false) is null;
        return new RevealedInterval(release, [.. opened.Select(o => new RevealedRollup(o.Rollup.Header.Hash, o.Rollup.Header.Generation, o.Transactions))], signed);
    }

    private async Task RequireRegisteredSignerAsync(RevealRelease release, CancellationToken cancellationToken)
    {
        if (!release.IsSignedByEnclave())
        {
            throw new AnswerVerificationException(VerificationFailure.BadSignature, $"The reveal release of interval {release.Interval} of {release.Option} is not signed by the enclave it names ({release.Enclave.ToChecksumString()}).");
        }

        if (await L1.CheckEnclaveAsync(release.Enclave, cancellationToken).ConfigureAwait(false) is { } problem)
        {
            throw new AnswerVerificationException(VerificationFailure.UnregisteredEnclave, $"The reveal release is signed by enclave {release.Enclave.ToChecksumString()}, which {problem}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync().ConfigureAwait(false);
        }

        _ownedHttp?.Dispose();
        _nodeLock.Dispose();
    }

    private async Task<TransactionOutcome> SendAndWaitAsync(UnlockedAccount account, L2Call call, Asset asset, UInt256 amount, IProgress<WaitStatus>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await EnsureL1Async().ConfigureAwait(false);
        var feePerGas = await L1.GetL2FeePerGasAsync(cancellationToken).ConfigureAwait(false);
        var fee = L2Fees.PerTransaction(feePerGas);
        var summary = await GetAccountAsync(account, cancellationToken).ConfigureAwait(false);
        var balance = summary.Value.Balance;
        if (asset.IsEth)
        {
            if (!UInt256.TryAdd(amount, fee, out var required) || balance < required)
            {
                throw Insufficient(asset, balance, $"{asset.Format(amount)} + {Asset.Eth.Format(fee)} fee", $"Send at most {Asset.Eth.Format(balance > fee ? balance - fee : UInt256.Zero)}, or deposit more with 'obscuro deposit'.");
            }
        }
        else
        {
            var tokens = (await GetTokenBalanceAsync(account, asset, cancellationToken).ConfigureAwait(false)).Value;
            if (tokens < amount)
            {
                throw Insufficient(asset, tokens, asset.Format(amount), $"Send at most {asset.Format(tokens)}, or deposit more {asset.Symbol} with 'obscuro deposit --asset {asset.Symbol}'.");
            }

            if (balance < fee)
            {
                throw Insufficient(Asset.Eth, balance, $"{Asset.Eth.Format(fee)} fee", "Deposit a little ETH to pay the L2 fee: 'obscuro deposit 0.01'.");
            }
        }

        var submission = await SubmitAsync(account, call, summary.Value.Nonce, feePerGas, cancellationToken).ConfigureAwait(false);
        var result = await WaitForInclusionAsync(account, submission.TransactionHash, progress, cancellationToken).ConfigureAwait(false);
        if (result.Value.State == TransactionState.Failed)
        {
            throw new TransactionFailedException(submission.TransactionHash, result.Value.FailureReason);
        }

        return new TransactionOutcome(call, submission, result);
    }

    private async Task<SealedSubmission> SubmitAsync(UnlockedAccount account, L2Call call, ulong confirmedNonce, UInt256 feePerGas, CancellationToken cancellationToken)
    {
        // The confirmed nonce lags while this client's earlier transactions are pending; never reuse one of ours.
        var nonce = Math.Max(confirmedNonce, _nextNonces.GetValueOrDefault(account.Address));
        var networkKey = await L1.GetNetworkPublicKeyAsync(cancellationToken).ConfigureAwait(false);
        var sealedSubmission = TransactionSealer.Seal(account, call, nonce, Deployment.L2ChainId, feePerGas, networkKey, _options.Random);
        var node = await GetNodeAsync(cancellationToken).ConfigureAwait(false);
        var result = await node.SubmitTransactionAsync(sealedSubmission.Ciphertext, cancellationToken).ConfigureAwait(false);
        var reason = (TransactionRejection)result.Reason;
        if (!result.Accepted && reason != TransactionRejection.AlreadyKnown)
        {
            throw reason == TransactionRejection.InsufficientFunds
                ? new InsufficientFundsException($"The node refused the transaction: {result.Message}", "Pending transactions of this account may already spend the balance: wait for them, then check 'obscuro balance'.", string.Empty, string.Empty)
                : new SubmissionRejectedException(reason, $"The node refused the transaction ({reason}): {result.Message}", SubmissionHint(reason));
        }

        if (result.TransactionHash is { } reported && reported != sealedSubmission.TransactionHash)
        {
            throw new AnswerVerificationException(VerificationFailure.WrongTransactionHash, $"The node acknowledged transaction {reported}, but the signed transaction is {sealedSubmission.TransactionHash}.");
        }

        _nextNonces.AddOrUpdate(account.Address, nonce + 1, (_, known) => Math.Max(known, nonce + 1));
        return sealedSubmission;
    }

    private async Task<VerifiedAnswer<T>> AskAsync<T>(UnlockedAccount account, QueryKind kind, byte[] argument, Func<byte[], T> decode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await EnsureL1Async().ConfigureAwait(false);
        var answer = await _queries.AskAsync(account, kind, argument, cancellationToken).ConfigureAwait(false);
        try
        {
            return new VerifiedAnswer<T>(decode(answer.Value), answer.BasedOn, answer.Enclave);
        }
        catch (Exception e) when (e is RlpException or QueryRejectedException)
        {
            throw new AnswerVerificationException(VerificationFailure.MalformedPayload, $"The enclave's signed answer to the {kind} query does not decode as one: {e.Message}", e);
        }
    }

    private static string SubmissionHint(TransactionRejection reason) => reason switch
    {
        TransactionRejection.NonceTooLow => "An earlier transaction used this nonce: check 'obscuro history', then send again.",
        TransactionRejection.NonceTooHigh => "Too many of this account's transactions are pending: wait for them to be included.",
        TransactionRejection.NotDecryptable or TransactionRejection.WrongChainId => "The node serves another network than the deployment file describes: check --deployment and --node.",
        TransactionRejection.FeeCapBelowNetworkFee => "The network fee changed: try again (the client reads it from L1 each time).",
        _ => "This client built a transaction the node does not accept; report it with the client's version.",
    };

    private static InsufficientFundsException Insufficient(Asset asset, UInt256 available, string required, string hint) =>
        new($"Insufficient funds on L2: the account holds {asset.Format(available)} but needs {required}.", hint, asset.Format(available), required);

    private static void RequirePositive(UInt256 amount, Asset asset)
    {
        if (amount.IsZero)
        {
            throw new InputFormatException($"The amount is zero {asset.Symbol}.", "Give an amount greater than zero.");
        }
    }
}
