using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Conversions;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Host;

/// <summary>
/// Sends the node's L1 transactions from the operator account: rollups the enclave produced, and calls the enclave
/// prepared (registration, network initialisation, secret responses). The operator key signs locally and sends
/// directly, as the RollupManagement contract requires (<c>msg.sender == tx.origin</c>). Its <see cref="L1Sender"/>
/// (one per activation) tracks the nonce, re-prices a transaction that is not included and waits for inclusion; after
/// a restart it reads the nonce from the L1 node again. Not reentrant: one L1 transaction at a time, in call order.
/// <para>
/// Every call is safe to repeat: a rollup is published at most once per parent while that publication is on L1 (one an
/// L1 reorg removed is published again), and a revert that says the call's work
/// is already done on L1 (already registered, initialised, provided, published) is reported as done, not retried.
/// </para>
/// </summary>
public sealed partial class PublisherGrain(
    [PersistentState("publisher")] IPersistentState<PublisherState> state,
    L1Services l1,
    IOptions<PublisherOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<PublisherGrain> logger)
    : Grain, IPublisherGrain
{
    private const int PublishedKept = 64;
    private L1Sender? _sender;
    private string _nodeId = string.Empty;

    private L1Sender Sender => _sender ??= l1.Operator.CreateSender(l1.Rpc, options.Value.Sender);

    private NetworkSettings Settings => state.State.Settings
        ?? throw new InvalidOperationException($"The publisher of node {_nodeId} has no network settings yet: the node coordinator configures it when the node starts.");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _nodeId = this.GetPrimaryKeyString();
        return base.OnActivateAsync(cancellationToken);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _sender?.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    async Task IPublisherGrain.ConfigureAsync(NetworkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (state.State.Settings is { } persisted)
        {
            NetworkSettingsComparison.RequireSame(persisted, settings, "publisher");
            return;
        }

        state.State.Settings = settings;
        await state.WriteStateAsync();
    }

    async Task<PublicationReport> IPublisherGrain.PublishCandidateAsync()
    {
        var settings = Settings;
        if (!settings.IsAggregator)
        {
            return NotPublished(null, "This node is a verifier: it does not publish rollups.");
        }

        var enclave = GrainFactory.GetGrain<IEnclaveGrain>(_nodeId);
        var head = (await enclave.GetStatusAsync()).HeadRollup;
        var mempool = GrainFactory.GetGrain<IMempoolGrain>(_nodeId);
        var pending = await mempool.GetPendingAsync(options.Value.MaxRollupTransactions);
        var candidate = await enclave.ProduceCandidateAsync(pending);
        if (candidate.Unincludable.Count > 0)
        {
            // Their nonce is used on the L1-included head (or they are not sealed admissions): no rollup can take them.
            await mempool.RemoveAsync(candidate.Unincludable);
        }

        if (candidate.Rollup is not { } envelope)
        {
            return NotPublished(null, candidate.NotReadyReason ?? "The enclave has no candidate.");
        }

        if (envelope.ParentHash != head)
        {
            return NotPublished(envelope.RollupHash, $"The candidate's parent {envelope.ParentHash} is no longer the enclave's head {head}; the next head retries.");
        }

        return await PublishAsync(settings, envelope);
    }

    Task<PublicationReport> IPublisherGrain.PublishAsync(RollupEnvelope candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var settings = Settings;
        return settings.IsAggregator
            ? PublishAsync(settings, candidate)
            : Task.FromResult(NotPublished(null, "This node is a verifier: it does not publish rollups."));
    }

    private async Task<PublicationReport> PublishAsync(NetworkSettings settings, RollupEnvelope envelope)
    {
        await ForgetRemovedAsync(settings, envelope);
        if (state.State.Published.Find(published => published.RollupHash == envelope.RollupHash) is { } done)
        {
            return new PublicationReport(done.RollupHash, done.L1Transaction, done.L1Block, "Already published.");
        }

        if (state.State.Published.Find(published => published.ParentHash == envelope.ParentHash) is { } sibling)
        {
            return NotPublished(envelope.RollupHash, $"This node already published rollup {sibling.RollupHash} on parent {envelope.ParentHash}; it publishes one rollup per parent.");
        }

        var rollup = envelope.ToSignedRollup();
        var data = RollupManagementContract.EncodePublishRollupCall(rollup.Header, rollup.Blob, rollup.Signature);
        L1TransactionResult result;
        try
        {
            // A silo going down stops watching and re-broadcasting its transactions: a send outliving the silo would
            // keep publishing for a node that is gone.
            result = await Sender.SendAsync(new L1TransactionRequest(settings.RollupManagement, data, UInt256.Zero, RollupManagementContract.Abi, ExtraGas: options.Value.PublicationGasAllowance), lifetime.ApplicationStopping);
        }
        catch (ContractRevertException e) when (e.Is(RollupManagementErrors.RollupAlreadyPublished))
        {
            await RecordAsync(new PublishedRollup(envelope.RollupHash, envelope.ParentHash, null, null), countAsOurs: false);
            return NotPublished(envelope.RollupHash, "The rollup is already on L1.");
        }
        catch (ContractRevertException e)
        {
            // Typically the parent's inclusion or the dependency block changed under a reorg: the next head retries.
            LogRefused(logger, _nodeId, envelope.RollupHash, Describe(e));
            return NotPublished(envelope.RollupHash, $"RollupManagement refused the rollup: {e.Reason}. The next head retries.");
        }
        catch (Exception e) when (e is L1TransactionTimeoutException or L1NonceGapException or L1UnavailableException or RpcException or RpcProtocolException)
        {
            LogSendFailed(logger, _nodeId, "publishRollup", e.Message);
            return NotPublished(envelope.RollupHash, $"The publication's outcome is unknown: {e.Message}");
        }

        var receipt = result.Receipt;
        await RecordAsync(new PublishedRollup(envelope.RollupHash, envelope.ParentHash, result.TransactionHash, receipt.BlockNumber), countAsOurs: true);
        LogPublished(logger, _nodeId, envelope.Generation, envelope.RollupHash, result.TransactionHash, receipt.BlockNumber);
        return new PublicationReport(envelope.RollupHash, result.TransactionHash, receipt.BlockNumber, null);
    }

    async Task IPublisherGrain.SendCallsAsync(IReadOnlyList<L1Call> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var settings = Settings;
        foreach (var call in calls)
        {
            var errors = ErrorsOf(settings, call.To);
            try
            {
                var result = await Sender.SendAsync(new L1TransactionRequest(call.To, call.Data, call.Value, errors), lifetime.ApplicationStopping);
                LogCallSent(logger, _nodeId, call.Purpose, result.TransactionHash, result.Receipt.BlockNumber);
            }
            catch (ContractRevertException e) when (IsAlreadyDone(e))
            {
                LogCallAlreadyDone(logger, _nodeId, call.Purpose, e.Reason);
            }
            catch (ContractRevertException e)
            {
                // Not retried here: the enclave asks again on a later block if L1 still lacks what the call was for.
                LogCallRefused(logger, _nodeId, call.Purpose, Describe(e));
            }
        }
    }

    /// <summary>
    /// Forgets recorded publications of this candidate, or on its parent, that L1 no longer has: an L1 reorg removed the
    /// block that carried them. The parent's candidate (the same rollup, or the one the enclave rebuilt on the new fork
    /// with the same nonce) must then go out again, or the chain would stop at the parent. Costs an L1 call only when a
    /// publication on this parent is recorded.
    /// </summary>
    private async Task ForgetRemovedAsync(NetworkSettings settings, RollupEnvelope envelope)
    {
        var recorded = state.State.Published.FindAll(published => published.ParentHash == envelope.ParentHash || published.RollupHash == envelope.RollupHash);
        if (recorded.Count == 0)
        {
            return;
        }

        var contract = new RollupManagementContract(settings.RollupManagement, l1.Rpc);
        var removed = new List<PublishedRollup>();
        foreach (var published in recorded)
        {
            if (!await contract.IsPublishedAsync(published.RollupHash))
            {
                removed.Add(published);
                LogRemovedByReorg(logger, _nodeId, published.RollupHash, published.ParentHash);
            }
        }

        if (removed.Count > 0)
        {
            state.State.Published.RemoveAll(removed.Contains);
            await state.WriteStateAsync();
        }
    }

    private async Task RecordAsync(PublishedRollup published, bool countAsOurs)
    {
        state.State.Published.Add(published);
        if (state.State.Published.Count > PublishedKept)
        {
            state.State.Published.RemoveRange(0, state.State.Published.Count - PublishedKept);
        }

        if (countAsOurs)
        {
            state.State.RollupsPublished++;
        }

        await state.WriteStateAsync();
    }

    private static ContractAbi? ErrorsOf(NetworkSettings settings, Address to) =>
        to == settings.NetworkManagement ? NetworkManagementContract.Abi
        : to == settings.RollupManagement ? RollupManagementContract.Abi
        : to == settings.Bridge ? BridgeContract.Abi
        : null;

    private static bool IsAlreadyDone(ContractRevertException revert) =>
        revert.Is(NetworkManagementErrors.EnclaveAlreadyRegistered)
        || revert.Is(NetworkManagementErrors.NetworkAlreadyInitialized)
        || revert.Is(NetworkManagementErrors.SecretAlreadyProvided)
        || revert.Is(RollupManagementErrors.RollupAlreadyPublished)
        || revert.Is(RollupManagementErrors.GenesisAlreadyPublished);

    private static string Describe(ContractRevertException revert) => revert.Reason.ToString() ?? revert.Message;

    private static PublicationReport NotPublished(Hash256? rollup, string reason) => new(rollup, null, null, reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} published rollup {Generation} ({RollupHash}) in L1 transaction {Transaction}, block {Block}")]
    private static partial void LogPublished(ILogger logger, string nodeId, ulong generation, Hash256 rollupHash, Hash256 transaction, ulong block);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId}: rollup {RollupHash} (parent {ParentHash}) it published is no longer on L1 (an L1 reorg removed it); its parent gets a rollup again")]
    private static partial void LogRemovedByReorg(ILogger logger, string nodeId, Hash256 rollupHash, Hash256 parentHash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RollupManagement refused rollup {RollupHash} of node {NodeId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string nodeId, Hash256 rollupHash, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} could not complete {Call}: {Message}")]
    private static partial void LogSendFailed(ILogger logger, string nodeId, string call, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} sent {Purpose} in L1 transaction {Transaction}, block {Block}")]
    private static partial void LogCallSent(ILogger logger, string nodeId, string purpose, Hash256 transaction, ulong block);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId}: {Purpose} is already done on L1 ({Reason})")]
    private static partial void LogCallAlreadyDone(ILogger logger, string nodeId, string purpose, RevertReason reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "L1 refused {Purpose} of node {NodeId}: {Reason}")]
    private static partial void LogCallRefused(ILogger logger, string nodeId, string purpose, string reason);
}
