using System.Diagnostics.CodeAnalysis;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Artifacts;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// Typed binding of a deployed RollupManagement (Contracts/Solidity/RollupManagement.sol; formats in FORMATS.md): the
/// rollup tree, its live heads and the finality of withdrawals. Headers are the protocol's <see cref="RollupHeader"/>,
/// so the object the enclave signs is the one published. Views take the block to read at (latest when null; finality
/// depends on <c>block.number</c>, so pass <see cref="BlockTag.Pending"/> to see what the next transaction will see).
/// Writes throw <see cref="ContractRevertException"/> with the custom error decoded (<see cref="RollupManagementErrors"/>).
/// </summary>
public sealed class RollupManagementContract
{
    private static readonly EventDecoder Events = new EventDecoder(Abi)
        .Add("RollupPublished", (a, o) => new RollupPublishedEvent(
            a.Hash("rollupHash"), a.Hash("parentHash"), a.Address("aggregator"), a.ULong("generation"), a.UInt("nonce"),
            a.Hash("blobHash"), RollupHeaderAbi.WithdrawalsFromAbi(a.List("withdrawals")), o))
        .Add("ForkStarted", (a, o) => new ForkStartedEvent(a.ULong("atBlock"), a.ULong("liveHeads"), o))
        .Add("WithdrawalsLocked", (a, o) => new WithdrawalsLockedEvent(a.ULong("forkSince"), a.ULong("atBlock"), o))
        .Add("ForkResolved", (a, o) => new ForkResolvedEvent(a.Hash("validHead"), a.ULong("liveHeads"), o))
        .Add("BlockHashRecorded", (a, o) => new BlockHashRecordedEvent(a.ULong("blockNumber"), a.Hash("blockHash"), o))
        .Add("ParameterChanged", ParameterChangedEvent.From)
        .Complete();

    private readonly ContractInvoker _invoker;

    /// <param name="address">Where the contract is deployed.</param>
    /// <param name="rpc">The L1 node to read from.</param>
    /// <param name="sender">Sends the writes; null for a read-only binding.</param>
    public RollupManagementContract(Address address, EthRpcClient rpc, IL1TransactionSender? sender = null)
    {
        _invoker = new ContractInvoker(address, Abi, rpc, sender);
    }

    public static ContractArtifact Artifact => ContractArtifacts.Embedded.Get("RollupManagement");

    /// <summary>The ABI, including the custom errors of Governed and the Signatures library.</summary>
    public static ContractAbi Abi => Artifact.Abi;

    public Address Address => _invoker.Address;

    public IL1TransactionSender? Sender => _invoker.Sender;

    /// <summary>The same contract, with writes sent by <paramref name="sender"/>.</summary>
    public RollupManagementContract WithSender(IL1TransactionSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return new RollupManagementContract(Address, _invoker.Rpc, sender);
    }

    // ---- publishing ----

    /// <summary>
    /// Publishes a rollup (<c>publishRollup</c>). <paramref name="signature"/> is the aggregator enclave's signature over
    /// <see cref="RollupHeader.SigningHash"/> for this chain and this contract (<see cref="RollupSignature.Sign"/>).
    /// </summary>
    public Task<L1TransactionResult> PublishRollupAsync(RollupHeader header, ReadOnlyMemory<byte> encryptedBlob, ReadOnlyMemory<byte> signature, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("publishRollup", UInt256.Zero, cancellationToken, RollupHeaderAbi.ToTuple(header), encryptedBlob, signature);

    /// <summary>Saves the hash of one of the last 256 blocks (<c>recordBlockHash</c>) so a stalled head can be extended later.</summary>
    public Task<L1TransactionResult> RecordBlockHashAsync(ulong blockNumber, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("recordBlockHash", UInt256.Zero, cancellationToken, blockNumber);

    /// <summary>Calldata of a <c>publishRollup</c> call, e.g. to compare with a transaction's input or to estimate its gas.</summary>
    public static byte[] EncodePublishRollupCall(RollupHeader header, ReadOnlySpan<byte> encryptedBlob, ReadOnlySpan<byte> signature) =>
        Abi.GetFunction("publishRollup").EncodeCall(RollupHeaderAbi.ToTuple(header), encryptedBlob.ToArray(), signature.ToArray());

    /// <summary>
    /// Reads header, blob and signature back from the input of a <c>publishRollup</c> transaction (strictly: anything
    /// a canonical encoder would not produce is an <see cref="AbiException"/>). The header's hash is recomputed.
    /// </summary>
    public static PublishRollupCall DecodePublishRollupCall(ReadOnlySpan<byte> calldata)
    {
        var arguments = Abi.GetFunction("publishRollup").DecodeCall(calldata);
        return new PublishRollupCall(RollupHeaderAbi.FromTuple(arguments.Get<AbiTuple>(0)), arguments.Bytes(1), arguments.Bytes(2));
    }

    // ---- governance ----

    /// <summary>Names the valid rollup after a fork (<c>resolveFork</c>): heads not descending from it stop counting and the lock clears.</summary>
    public Task<L1TransactionResult> ResolveForkAsync(Hash256 validHead, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("resolveFork", UInt256.Zero, cancellationToken, validHead);

    public Task<L1TransactionResult> SetHeadTimeoutAsync(ulong blocks, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("setHeadTimeout", UInt256.Zero, cancellationToken, blocks);

    public Task<L1TransactionResult> SetWithdrawalDelayAsync(ulong blocks, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("setWithdrawalDelay", UInt256.Zero, cancellationToken, blocks);

    public Task<L1TransactionResult> SetForkLockPeriodAsync(ulong blocks, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("setForkLockPeriod", UInt256.Zero, cancellationToken, blocks);

    // ---- views ----

    public async Task<Address> NetworkManagementAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("networkManagement", block, cancellationToken).ConfigureAwait(false)).Address(0);

    /// <summary>H: blocks after which a head without a child is dead.</summary>
    public async Task<ulong> HeadTimeoutAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("headTimeout", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    /// <summary>N: blocks a rollup waits before its withdrawals are payable.</summary>
    public async Task<ulong> WithdrawalDelayAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("withdrawalDelay", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    /// <summary>M: blocks competing live heads may coexist before withdrawals lock.</summary>
    public async Task<ulong> ForkLockPeriodAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("forkLockPeriod", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    public async Task<ulong> RollupCountAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("rollupCount", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    /// <summary>The genesis rollup's hash; zero until published.</summary>
    public async Task<Hash256> GenesisHashAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("genesisHash", block, cancellationToken).ConfigureAwait(false)).Hash(0);

    /// <summary>The rollup named in the last fork resolution; zero if none.</summary>
    public async Task<Hash256> ResolvedHeadAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("resolvedHead", block, cancellationToken).ConfigureAwait(false)).Hash(0);

    /// <summary>A hash saved by <c>recordBlockHash</c>; zero if none was saved for that block.</summary>
    public async Task<Hash256> RecordedBlockHashesAsync(ulong blockNumber, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("recordedBlockHashes", block, cancellationToken, blockNumber).ConfigureAwait(false)).Hash(0);

    /// <summary>A published rollup; an unknown hash reverts with <c>UnknownRollup</c>.</summary>
    public async Task<RollupInfo> RollupAsync(Hash256 rollupHash, BlockTag? block = null, CancellationToken cancellationToken = default)
    {
        var info = (await _invoker.CallAsync("rollup", block, cancellationToken, rollupHash).ConfigureAwait(false)).Get<AbiTuple>(0);
        return new RollupInfo(
            info.Hash("parentHash"),
            info.ULong("generation"),
            info.Address("aggregator"),
            info.UInt("nonce"),
            info.ULong("publishedAt"),
            info.Hash("withdrawalsHash"),
            info.ULong("branch"),
            info.Bool("isHead"),
            info.Bool("isLiveHead"));
    }

    public async Task<bool> IsPublishedAsync(Hash256 rollupHash, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("isPublished", block, cancellationToken, rollupHash).ConfigureAwait(false)).Bool(0);

    /// <summary>keccak256(abi.encode(withdrawals)) of a published rollup, zero if it has none; unknown hash reverts.</summary>
    public async Task<Hash256> WithdrawalsHashOfAsync(Hash256 rollupHash, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("withdrawalsHashOf", block, cancellationToken, rollupHash).ConfigureAwait(false)).Hash(0);

    public async Task<bool> IsLiveHeadAsync(Hash256 rollupHash, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("isLiveHead", block, cancellationToken, rollupHash).ConfigureAwait(false)).Bool(0);

    /// <summary>The live heads that count (not excluded by a fork resolution).</summary>
    public async Task<IReadOnlyList<Hash256>> LiveHeadsAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("liveHeads", block, cancellationToken).ConfigureAwait(false)).List(0).Select(AbiValues.ToHash).ToArray();

    public async Task<IReadOnlyList<HeadInfo>> TrackedHeadsAsync(BlockTag? block = null, CancellationToken cancellationToken = default)
    {
        var heads = (await _invoker.CallAsync("trackedHeads", block, cancellationToken).ConfigureAwait(false)).List(0);
        return heads.Cast<AbiTuple>().Select(h => new HeadInfo(h.Hash("rollupHash"), h.ULong("publishedAt"), h.Bool("live"), h.Bool("excluded"))).ToArray();
    }

    public async Task<ForkState> ForkStateAsync(BlockTag? block = null, CancellationToken cancellationToken = default)
    {
        var result = await _invoker.CallAsync("forkState", block, cancellationToken).ConfigureAwait(false);
        return new ForkState(result.ULong("liveHeadCount"), result.ULong("forkSince"), result.Bool("locked"));
    }

    /// <summary>True if <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors; both must be published.</summary>
    public async Task<bool> IsAncestorOrSelfAsync(Hash256 ancestor, Hash256 descendant, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("isAncestorOrSelf", block, cancellationToken, ancestor, descendant).ConfigureAwait(false)).Bool(0);

    public async Task<WithdrawalStatus> WithdrawalStatusAsync(Hash256 rollupHash, BlockTag? block = null, CancellationToken cancellationToken = default)
    {
        var result = await _invoker.CallAsync("withdrawalStatus", block, cancellationToken, rollupHash).ConfigureAwait(false);
        return new WithdrawalStatus(result.Enum<WithdrawalState>("state"), result.ULong("payableAtBlock"), result.ULong("forkSince"));
    }

    /// <summary>The contract's rollup hash of <paramref name="header"/> (for cross-checking <see cref="RollupHeader.Hash"/>).</summary>
    public async Task<Hash256> RollupHashOfAsync(RollupHeader header, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("rollupHashOf", block, cancellationToken, RollupHeaderAbi.ToTuple(header)).ConfigureAwait(false)).Hash(0);

    /// <summary>The contract's signing hash of a rollup hash (for cross-checking <see cref="RollupHeader.SigningHash"/>).</summary>
    public async Task<Hash256> SigningHashOfAsync(Hash256 rollupHash, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("signingHashOf", block, cancellationToken, rollupHash).ConfigureAwait(false)).Hash(0);

    // ---- events ----

    /// <summary>The typed event of a log of this contract; null for another contract's log.</summary>
    public IContractEvent? DecodeEvent(RpcLog log) => Events.Decode(Address, log);

    /// <summary>The typed events of this contract in a receipt, in log order.</summary>
    public IReadOnlyList<IContractEvent> DecodeEvents(RpcReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return Events.DecodeAll(Address, receipt.Logs);
    }

    /// <summary>The typed events of this contract in a block range (<c>eth_getLogs</c>), in chain order.</summary>
    public async Task<IReadOnlyList<IContractEvent>> GetEventsAsync(BlockTag fromBlock, BlockTag toBlock, CancellationToken cancellationToken = default) =>
        Events.DecodeAll(Address, await _invoker.GetLogsAsync(fromBlock, toBlock, cancellationToken).ConfigureAwait(false));

    public RollupPublishedEvent DecodeRollupPublished(RpcLog log) => Events.DecodeRequired<RollupPublishedEvent>(Address, log);

    public bool TryDecodeRollupPublished(RpcLog log, [NotNullWhen(true)] out RollupPublishedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public ForkStartedEvent DecodeForkStarted(RpcLog log) => Events.DecodeRequired<ForkStartedEvent>(Address, log);

    public bool TryDecodeForkStarted(RpcLog log, [NotNullWhen(true)] out ForkStartedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public WithdrawalsLockedEvent DecodeWithdrawalsLocked(RpcLog log) => Events.DecodeRequired<WithdrawalsLockedEvent>(Address, log);

    public bool TryDecodeWithdrawalsLocked(RpcLog log, [NotNullWhen(true)] out WithdrawalsLockedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public ForkResolvedEvent DecodeForkResolved(RpcLog log) => Events.DecodeRequired<ForkResolvedEvent>(Address, log);

    public bool TryDecodeForkResolved(RpcLog log, [NotNullWhen(true)] out ForkResolvedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public BlockHashRecordedEvent DecodeBlockHashRecorded(RpcLog log) => Events.DecodeRequired<BlockHashRecordedEvent>(Address, log);

    public bool TryDecodeBlockHashRecorded(RpcLog log, [NotNullWhen(true)] out BlockHashRecordedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public ParameterChangedEvent DecodeParameterChanged(RpcLog log) => Events.DecodeRequired<ParameterChangedEvent>(Address, log);

    public bool TryDecodeParameterChanged(RpcLog log, [NotNullWhen(true)] out ParameterChangedEvent? @event) => Events.TryDecode(Address, log, out @event);
}
