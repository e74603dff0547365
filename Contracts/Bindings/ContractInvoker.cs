using Obscuro.Contracts.Abi;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// The plumbing every binding shares: views through <c>eth_call</c> at a chosen block, writes through the sender, and
/// revert decoding with the contract's own ABI (its custom errors include those of its libraries and bases).
/// </summary>
internal sealed class ContractInvoker
{
    private readonly EthRpcClient _rpc;
    private readonly IL1TransactionSender? _sender;

    public ContractInvoker(Address address, ContractAbi abi, EthRpcClient rpc, IL1TransactionSender? sender)
    {
        ArgumentNullException.ThrowIfNull(abi);
        ArgumentNullException.ThrowIfNull(rpc);
        Address = address;
        Abi = abi;
        _rpc = rpc;
        _sender = sender;
    }

    public Address Address { get; }

    public ContractAbi Abi { get; }

    public EthRpcClient Rpc => _rpc;

    public IL1TransactionSender? Sender => _sender;

    /// <summary>Calls a view at <paramref name="block"/> (latest when null) and decodes what it returns.</summary>
    public async Task<AbiTuple> CallAsync(string function, BlockTag? block, CancellationToken cancellationToken, params object?[] arguments)
    {
        var abiFunction = Abi.GetFunction(function);
        var call = CallRequest.Create(Address, abiFunction.EncodeCall(arguments));
        var output = await _rpc.CallAsync(call, block ?? BlockTag.Latest, Abi, cancellationToken).ConfigureAwait(false);
        return abiFunction.DecodeOutput(output);
    }

    /// <summary>Sends a transaction calling <paramref name="function"/> and waits for it; a revert throws with the decoded error.</summary>
    public Task<L1TransactionResult> SendAsync(string function, UInt256 value, CancellationToken cancellationToken, params object?[] arguments)
    {
        var sender = _sender ?? throw new InvalidOperationException(
            $"This binding of {Address} has no transaction sender; create it with one (or WithSender) to call {function}.");
        var data = Abi.GetFunction(function).EncodeCall(arguments);
        return sender.SendAsync(new L1TransactionRequest(Address, data, value, Abi), cancellationToken);
    }

    public Task<IReadOnlyList<RpcLog>> GetLogsAsync(BlockTag fromBlock, BlockTag toBlock, CancellationToken cancellationToken) =>
        _rpc.GetLogsAsync(LogFilter.ForRange(fromBlock, toBlock).WithAddresses(Address), cancellationToken);
}
