using System.Diagnostics.CodeAnalysis;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Artifacts;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// Typed binding of a deployed TestToken (Contracts/Solidity/test/TestToken.sol): an ERC-20 for tests and the devnet
/// that anyone can mint, with an optional burned transfer fee. Never allow-list it on a real network.
/// </summary>
public sealed class TestTokenContract
{
    private static readonly EventDecoder Events = new EventDecoder(Abi)
        .Add("Transfer", (a, o) => new TransferEvent(a.Address("from"), a.Address("to"), a.UInt("value"), o))
        .Add("Approval", (a, o) => new ApprovalEvent(a.Address("owner"), a.Address("spender"), a.UInt("value"), o))
        .Complete();

    private readonly ContractInvoker _invoker;

    public TestTokenContract(Address address, EthRpcClient rpc, IL1TransactionSender? sender = null)
    {
        _invoker = new ContractInvoker(address, Abi, rpc, sender);
    }

    public static ContractArtifact Artifact => ContractArtifacts.Embedded.Get("TestToken");

    public static ContractAbi Abi => Artifact.Abi;

    public Address Address => _invoker.Address;

    public IL1TransactionSender? Sender => _invoker.Sender;

    public TestTokenContract WithSender(IL1TransactionSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return new TestTokenContract(Address, _invoker.Rpc, sender);
    }

    /// <summary>Deploys a TestToken from <paramref name="sender"/>'s account.</summary>
    public static async Task<TestTokenContract> DeployAsync(IL1TransactionSender sender, EthRpcClient rpc, string name, string symbol, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var result = await sender.SendAsync(new L1TransactionRequest(null, Artifact.EncodeDeployment(name, symbol), UInt256.Zero, Abi), cancellationToken).ConfigureAwait(false);
        var address = result.Receipt.ContractAddress ?? throw new InvalidOperationException($"Deploying TestToken ({result.TransactionHash}) created no contract.");
        return new TestTokenContract(address, rpc, sender);
    }

    // ---- writes ----

    public Task<L1TransactionResult> MintAsync(Address to, UInt256 amount, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("mint", UInt256.Zero, cancellationToken, to, amount);

    /// <summary>Sets the burned fee on every transfer, in basis points (at most 10 000).</summary>
    public Task<L1TransactionResult> SetTransferFeeAsync(ulong basisPoints, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("setTransferFee", UInt256.Zero, cancellationToken, basisPoints);

    public Task<L1TransactionResult> ApproveAsync(Address spender, UInt256 amount, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("approve", UInt256.Zero, cancellationToken, spender, amount);

    public Task<L1TransactionResult> TransferAsync(Address to, UInt256 amount, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("transfer", UInt256.Zero, cancellationToken, to, amount);

    public Task<L1TransactionResult> TransferFromAsync(Address from, Address to, UInt256 amount, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("transferFrom", UInt256.Zero, cancellationToken, from, to, amount);

    // ---- views ----

    public async Task<string> NameAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("name", block, cancellationToken).ConfigureAwait(false)).String(0);

    public async Task<string> SymbolAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("symbol", block, cancellationToken).ConfigureAwait(false)).String(0);

    public async Task<byte> DecimalsAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (byte)(await _invoker.CallAsync("decimals", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    public async Task<UInt256> TotalSupplyAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("totalSupply", block, cancellationToken).ConfigureAwait(false)).UInt(0);

    public async Task<ulong> TransferFeeBasisPointsAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("transferFeeBasisPoints", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    public async Task<UInt256> BalanceOfAsync(Address account, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("balanceOf", block, cancellationToken, account).ConfigureAwait(false)).UInt(0);

    public async Task<UInt256> AllowanceAsync(Address owner, Address spender, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("allowance", block, cancellationToken, owner, spender).ConfigureAwait(false)).UInt(0);

    // ---- events ----

    public IContractEvent? DecodeEvent(RpcLog log) => Events.Decode(Address, log);

    public IReadOnlyList<IContractEvent> DecodeEvents(RpcReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return Events.DecodeAll(Address, receipt.Logs);
    }

    public async Task<IReadOnlyList<IContractEvent>> GetEventsAsync(BlockTag fromBlock, BlockTag toBlock, CancellationToken cancellationToken = default) =>
        Events.DecodeAll(Address, await _invoker.GetLogsAsync(fromBlock, toBlock, cancellationToken).ConfigureAwait(false));

    public TransferEvent DecodeTransfer(RpcLog log) => Events.DecodeRequired<TransferEvent>(Address, log);

    public bool TryDecodeTransfer(RpcLog log, [NotNullWhen(true)] out TransferEvent? @event) => Events.TryDecode(Address, log, out @event);

    public ApprovalEvent DecodeApproval(RpcLog log) => Events.DecodeRequired<ApprovalEvent>(Address, log);

    public bool TryDecodeApproval(RpcLog log, [NotNullWhen(true)] out ApprovalEvent? @event) => Events.TryDecode(Address, log, out @event);
}
