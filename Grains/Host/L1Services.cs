using Obscuro.Contracts.Rpc;

namespace Obscuro.Grains.Host;

/// <summary>
/// What a host silo has of the L1: the JSON-RPC client of its L1 node and the operator account that signs the node's
/// L1 transactions. Either may be absent on a silo configured without a node (tests of placement, an enclave-only
/// silo); a host grain that needs it then fails with a message naming the setting, not a DI error.
/// </summary>
public sealed class L1Services(EthRpcClient? rpc, OperatorAccount? operatorAccount)
{
    public bool IsConfigured => rpc is not null;

    public EthRpcClient Rpc => rpc ?? throw new InvalidOperationException(
        "This silo has no L1 node configured (Obscuro:L1:Endpoint), so it cannot run the node's L1 grains.");

    public OperatorAccount Operator => operatorAccount ?? throw new InvalidOperationException(
        "This silo has no operator account configured (Obscuro:Operator:PrivateKey or Obscuro:Operator:PrivateKeyFile), so it cannot send L1 transactions.");
}
