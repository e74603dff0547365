using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;

namespace Obscuro.Contracts.Deployment;

/// <summary>A deployed set of management contracts: their addresses and typed bindings sharing one RPC client and sender.</summary>
public sealed record ManagementContracts(
    ManagementContractAddresses Addresses,
    NetworkManagementContract NetworkManagement,
    RollupManagementContract RollupManagement,
    BridgeContract Bridge,
    TestTokenContract? TestToken)
{
    /// <summary>Bindings for contracts deployed earlier (e.g. from a node's configuration).</summary>
    public static ManagementContracts Bind(ManagementContractAddresses addresses, EthRpcClient rpc, IL1TransactionSender? sender = null)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(rpc);
        return new ManagementContracts(
            addresses,
            new NetworkManagementContract(addresses.NetworkManagement, rpc, sender),
            new RollupManagementContract(addresses.RollupManagement, rpc, sender),
            new BridgeContract(addresses.Bridge, rpc, sender),
            addresses.TestToken is { } token ? new TestTokenContract(token, rpc, sender) : null);
    }

    /// <summary>The same contracts, with writes sent by <paramref name="sender"/>.</summary>
    public ManagementContracts WithSender(IL1TransactionSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return new ManagementContracts(
            Addresses,
            NetworkManagement.WithSender(sender),
            RollupManagement.WithSender(sender),
            Bridge.WithSender(sender),
            TestToken?.WithSender(sender));
    }
}
