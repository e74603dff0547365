using Obscuro.Contracts.Abi;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.L1;

/// <summary>
/// The standard ERC-20 functions a wallet needs of any allow-listed token (name, symbol, decimals, balance,
/// allowance, approve). Not the devnet's TestToken binding: a real network's tokens have only the standard ABI.
/// </summary>
public sealed class Erc20Token
{
    private static readonly ContractAbi Abi = ContractAbi.Parse("""
        [
          {"type":"function","name":"symbol","stateMutability":"view","inputs":[],"outputs":[{"name":"","type":"string"}]},
          {"type":"function","name":"decimals","stateMutability":"view","inputs":[],"outputs":[{"name":"","type":"uint8"}]},
          {"type":"function","name":"balanceOf","stateMutability":"view","inputs":[{"name":"account","type":"address"}],"outputs":[{"name":"","type":"uint256"}]},
          {"type":"function","name":"allowance","stateMutability":"view","inputs":[{"name":"owner","type":"address"},{"name":"spender","type":"address"}],"outputs":[{"name":"","type":"uint256"}]},
          {"type":"function","name":"approve","stateMutability":"nonpayable","inputs":[{"name":"spender","type":"address"},{"name":"amount","type":"uint256"}],"outputs":[{"name":"","type":"bool"}]}
        ]
        """);

    private readonly EthRpcClient _rpc;

    public Erc20Token(Address address, EthRpcClient rpc)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        Address = address;
        _rpc = rpc;
    }

    public Address Address { get; }

    public async Task<string> SymbolAsync(CancellationToken cancellationToken = default) =>
        (await CallAsync("symbol", cancellationToken).ConfigureAwait(false)).Get<string>(0);

    public async Task<ulong> DecimalsAsync(CancellationToken cancellationToken = default) =>
        (await CallAsync("decimals", cancellationToken).ConfigureAwait(false)).Get<UInt256>(0).ToUInt64();

    public async Task<UInt256> BalanceOfAsync(Address account, CancellationToken cancellationToken = default) =>
        (await CallAsync("balanceOf", cancellationToken, account).ConfigureAwait(false)).Get<UInt256>(0);

    public async Task<UInt256> AllowanceAsync(Address owner, Address spender, CancellationToken cancellationToken = default) =>
        (await CallAsync("allowance", cancellationToken, owner, spender).ConfigureAwait(false)).Get<UInt256>(0);

    public Task<L1TransactionResult> ApproveAsync(IL1TransactionSender sender, Address spender, UInt256 amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var data = Abi.GetFunction("approve").EncodeCall(spender, amount);
        return sender.SendAsync(new L1TransactionRequest(Address, data, UInt256.Zero, Abi), cancellationToken);
    }

    private async Task<AbiTuple> CallAsync(string name, CancellationToken cancellationToken, params object?[] arguments)
    {
        var function = Abi.GetFunction(name);
        var output = await _rpc.CallAsync(CallRequest.Create(Address, function.EncodeCall(arguments)), BlockTag.Latest, Abi, cancellationToken).ConfigureAwait(false);
        return function.DecodeOutput(output);
    }
}
