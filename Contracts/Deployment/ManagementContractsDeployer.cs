using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Deployment;

/// <summary>
/// Deploys NetworkManagement, RollupManagement and Bridge in the order their constructors need (each checks that the
/// addresses it is given hold code), and optionally a TestToken allow-listed on the bridge. Nothing needs wiring after.
/// </summary>
public static class ManagementContractsDeployer
{
    /// <param name="sender">Deploys and pays; also the governance unless <see cref="DeploymentParameters.Governance"/> names another.</param>
    /// <param name="rpc">The same L1 node, for reading the deployment block and binding the contracts.</param>
    /// <param name="parameters">Constructor arguments; <see cref="DeploymentParameters"/>' defaults suit a devnet.</param>
    public static async Task<ManagementContracts> DeployAsync(IL1TransactionSender sender, EthRpcClient rpc, DeploymentParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var governance = parameters.Governance ?? sender.Account;
        if ((parameters.TestToken is not null || parameters.RevealLengths is not null) && governance != sender.Account)
        {
            throw new ArgumentException("Allow-listing the test token and setting the reveal parameters are governance calls, so the deployer must be the governance.", nameof(parameters));
        }

        var chainId = await rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);

        var (networkManagement, deployment) = await DeployAsync(
            sender,
            NetworkManagementContract.Artifact.EncodeDeployment(
                governance,
                parameters.Measurements.ToArray(),
                parameters.Authorities.ToArray(),
                parameters.RegistrationFee,
                parameters.MinimumStake,
                parameters.UnbondingDelay,
                parameters.L2TransactionFee),
            NetworkManagementContract.Abi,
            "NetworkManagement",
            cancellationToken).ConfigureAwait(false);

        var (rollupManagement, _) = await DeployAsync(
            sender,
            RollupManagementContract.Artifact.EncodeDeployment(networkManagement, parameters.HeadTimeout, parameters.WithdrawalDelay, parameters.ForkLockPeriod),
            RollupManagementContract.Abi,
            "RollupManagement",
            cancellationToken).ConfigureAwait(false);

        var (bridge, _) = await DeployAsync(
            sender,
            BridgeContract.Artifact.EncodeDeployment(networkManagement, rollupManagement),
            BridgeContract.Abi,
            "Bridge",
            cancellationToken).ConfigureAwait(false);

        if (parameters.RevealLengths is { } lengths)
        {
            await new NetworkManagementContract(networkManagement, rpc, sender).SetRevealParametersAsync(lengths, parameters.DefaultRevealOption, cancellationToken).ConfigureAwait(false);
        }

        Address? testToken = null;
        if (parameters.TestToken is { } token)
        {
            var deployed = await TestTokenContract.DeployAsync(sender, rpc, token.Name, token.Symbol, cancellationToken).ConfigureAwait(false);
            await new BridgeContract(bridge, rpc, sender).SetTokenAllowedAsync(deployed.Address, true, token.RevealOption, cancellationToken).ConfigureAwait(false);
            testToken = deployed.Address;
        }

        // The receipt names the block by hash; its parent hash (the anchor) comes from the block itself.
        var block = await rpc.GetBlockByHashAsync(deployment.BlockHash, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The L1 node does not know block {deployment.BlockHash}, which holds the NetworkManagement deployment (reorganised away?).");
        var addresses = new ManagementContractAddresses(
            chainId,
            networkManagement,
            rollupManagement,
            bridge,
            testToken,
            new L1BlockRef(block.Hash, block.ParentHash, block.Number));
        return ManagementContracts.Bind(addresses, rpc, sender);
    }

    private static async Task<(Address Address, RpcReceipt Receipt)> DeployAsync(
        IL1TransactionSender sender,
        byte[] deployment,
        ContractAbi abi,
        string name,
        CancellationToken cancellationToken)
    {
        var result = await sender.SendAsync(new L1TransactionRequest(null, deployment, UInt256.Zero, abi), cancellationToken).ConfigureAwait(false);
        var address = result.Receipt.ContractAddress
            ?? throw new InvalidOperationException($"Deploying {name} ({result.TransactionHash}) created no contract.");
        return (address, result.Receipt);
    }
}
