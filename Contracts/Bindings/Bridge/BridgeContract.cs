using System.Diagnostics.CodeAnalysis;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Artifacts;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// Typed binding of a deployed Bridge (Contracts/Solidity/Bridge.sol; formats in FORMATS.md): deposits of ETH and
/// allow-listed tokens, and payment of the withdrawals listed in rollup headers once they are final. Views take the
/// block to read at (latest when null; pass <see cref="BlockTag.Pending"/> to see what the next transaction will see).
/// Writes throw <see cref="ContractRevertException"/> with the custom error decoded (<see cref="BridgeErrors"/>).
/// </summary>
public sealed class BridgeContract
{
    private static readonly EventDecoder Events = new EventDecoder(Abi)
        .Add("Deposit", (a, o) => new DepositEvent(a.UInt("depositId"), a.Address("l1Sender"), a.Address("l2Recipient"), a.Address("token"), a.UInt("amount"), o))
        .Add("WithdrawalFinalized", (a, o) => new WithdrawalFinalizedEvent(a.Hash("rollupHash"), a.ULong("index"), a.Address("recipient"), a.Address("token"), a.UInt("amount"), o))
        .Add("WithdrawalSkipped", (a, o) => new WithdrawalSkippedEvent(a.Hash("rollupHash"), a.ULong("index"), a.Enum<SkipReason>("reason"), o))
        .Add("TokenAllowListChanged", (a, o) => new TokenAllowListChangedEvent(a.Address("token"), a.Bool("allowed"), a.Enum<RevealOption>("revealOption"), o))
        .Add("ParameterChanged", ParameterChangedEvent.From)
        .Complete();

    private readonly ContractInvoker _invoker;

    /// <param name="address">Where the contract is deployed.</param>
    /// <param name="rpc">The L1 node to read from.</param>
    /// <param name="sender">Sends the writes (its account deposits and is <c>msg.sender</c>); null for a read-only binding.</param>
    public BridgeContract(Address address, EthRpcClient rpc, IL1TransactionSender? sender = null)
    {
        _invoker = new ContractInvoker(address, Abi, rpc, sender);
    }

    public static ContractArtifact Artifact => ContractArtifacts.Embedded.Get("Bridge");

    /// <summary>The ABI, including the custom errors of Governed, SafeTransfer and the re-entrancy guard.</summary>
    public static ContractAbi Abi => Artifact.Abi;

    public Address Address => _invoker.Address;

    public IL1TransactionSender? Sender => _invoker.Sender;

    /// <summary>The same contract, with writes sent by <paramref name="sender"/>.</summary>
    public BridgeContract WithSender(IL1TransactionSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return new BridgeContract(Address, _invoker.Rpc, sender);
    }

    // ---- deposits ----

    /// <summary>Deposits <paramref name="amount"/> wei for <paramref name="l2Recipient"/> (<c>depositETH</c>).</summary>
    public Task<L1TransactionResult> DepositEthAsync(Address l2Recipient, UInt256 amount, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("depositETH", amount, cancellationToken, l2Recipient);

    /// <summary>Deposits an allow-listed token (<c>depositToken</c>); the sender must have approved the bridge for <paramref name="amount"/>.</summary>
    public Task<L1TransactionResult> DepositTokenAsync(Address token, UInt256 amount, Address l2Recipient, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("depositToken", UInt256.Zero, cancellationToken, token, amount, l2Recipient);

    // ---- withdrawals ----

    /// <summary>
    /// Pays entry <paramref name="index"/> of a final rollup's withdrawal list to its recipient (<c>finalizeWithdrawal</c>).
    /// <paramref name="withdrawals"/> is the rollup's complete list, as in its header or <see cref="RollupPublishedEvent"/>.
    /// </summary>
    public Task<L1TransactionResult> FinalizeWithdrawalAsync(Hash256 rollupHash, ulong index, IReadOnlyList<Withdrawal> withdrawals, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("finalizeWithdrawal", UInt256.Zero, cancellationToken, rollupHash, index, RollupHeaderAbi.WithdrawalsToAbi(withdrawals));

    /// <summary>Pays every unpaid entry of a final rollup, best effort (<c>finalizeWithdrawals</c>); see <see cref="WithdrawalSkippedEvent"/>.</summary>
    public Task<L1TransactionResult> FinalizeWithdrawalsAsync(Hash256 rollupHash, IReadOnlyList<Withdrawal> withdrawals, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("finalizeWithdrawals", UInt256.Zero, cancellationToken, rollupHash, RollupHeaderAbi.WithdrawalsToAbi(withdrawals));

    // ---- governance ----

    /// <summary>Allow-lists a token with the reveal option of its transactions, or removes it (<c>setTokenAllowed</c>).</summary>
    public Task<L1TransactionResult> SetTokenAllowedAsync(Address token, bool allowed, RevealOption revealOption, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("setTokenAllowed", UInt256.Zero, cancellationToken, token, allowed, (byte)revealOption);

    // ---- views ----

    public async Task<Address> NetworkManagementAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("networkManagement", block, cancellationToken).ConfigureAwait(false)).Address(0);

    public async Task<Address> RollupManagementAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("rollupManagement", block, cancellationToken).ConfigureAwait(false)).Address(0);

    public async Task<TokenConfig> TokensAsync(Address token, BlockTag? block = null, CancellationToken cancellationToken = default)
    {
        var result = await _invoker.CallAsync("tokens", block, cancellationToken, token).ConfigureAwait(false);
        return new TokenConfig(result.Bool("allowed"), result.Enum<RevealOption>("revealOption"));
    }

    /// <summary>Deposited minus paid out, per token (<see cref="Address.Zero"/> = ETH): the most the bridge will ever pay of it.</summary>
    public async Task<UInt256> HeldAsync(Address token, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("held", block, cancellationToken, token).ConfigureAwait(false)).UInt(0);

    /// <summary>Number of deposits so far; the next deposit gets this id.</summary>
    public async Task<ulong> DepositCountAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("depositCount", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    public async Task<bool> IsWithdrawalPaidAsync(Hash256 rollupHash, ulong index, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("isWithdrawalPaid", block, cancellationToken, rollupHash, index).ConfigureAwait(false)).Bool(0);

    /// <summary>The rollup's withdrawal state as the bridge sees it: Locked also while a breach is declared.</summary>
    public async Task<WithdrawalStatus> WithdrawalStateAsync(Hash256 rollupHash, BlockTag? block = null, CancellationToken cancellationToken = default)
    {
        var result = await _invoker.CallAsync("withdrawalState", block, cancellationToken, rollupHash).ConfigureAwait(false);
        return new WithdrawalStatus(result.Enum<WithdrawalState>("state"), result.ULong("payableAtBlock"), result.ULong("forkSince"));
    }

    public async Task<RevealOption> MaxRevealOptionAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("MAX_REVEAL_OPTION", block, cancellationToken).ConfigureAwait(false)).Enum<RevealOption>(0);

    /// <summary>Gas each ETH recipient gets in <c>finalizeWithdrawals</c>.</summary>
    public async Task<ulong> BatchEthGasAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("BATCH_ETH_GAS", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    /// <summary>Gas each token transfer gets in <c>finalizeWithdrawals</c>.</summary>
    public async Task<ulong> BatchTokenGasAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("BATCH_TOKEN_GAS", block, cancellationToken).ConfigureAwait(false)).ULong(0);

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

    public DepositEvent DecodeDeposit(RpcLog log) => Events.DecodeRequired<DepositEvent>(Address, log);

    public bool TryDecodeDeposit(RpcLog log, [NotNullWhen(true)] out DepositEvent? @event) => Events.TryDecode(Address, log, out @event);

    public WithdrawalFinalizedEvent DecodeWithdrawalFinalized(RpcLog log) => Events.DecodeRequired<WithdrawalFinalizedEvent>(Address, log);

    public bool TryDecodeWithdrawalFinalized(RpcLog log, [NotNullWhen(true)] out WithdrawalFinalizedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public WithdrawalSkippedEvent DecodeWithdrawalSkipped(RpcLog log) => Events.DecodeRequired<WithdrawalSkippedEvent>(Address, log);

    public bool TryDecodeWithdrawalSkipped(RpcLog log, [NotNullWhen(true)] out WithdrawalSkippedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public TokenAllowListChangedEvent DecodeTokenAllowListChanged(RpcLog log) => Events.DecodeRequired<TokenAllowListChangedEvent>(Address, log);

    public bool TryDecodeTokenAllowListChanged(RpcLog log, [NotNullWhen(true)] out TokenAllowListChangedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public ParameterChangedEvent DecodeParameterChanged(RpcLog log) => Events.DecodeRequired<ParameterChangedEvent>(Address, log);

    public bool TryDecodeParameterChanged(RpcLog log, [NotNullWhen(true)] out ParameterChangedEvent? @event) => Events.TryDecode(Address, log, out @event);
}
