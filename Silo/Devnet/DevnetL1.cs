using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Devnet;

/// <summary>
/// Sets up the devnet's L1: deploys the management contracts and a test token from the governance account, accepting
/// the simulated TEE's measurement and authority, and describes the result as a <see cref="NetworkDeployment"/>.
/// </summary>
public static class DevnetL1
{
    /// <summary>The measurement governance accepts on a devnet: the simulated TEE reports it (it measures nothing).</summary>
    public static readonly Hash256 SimulatedMeasurement = Keccak256.Hash("Obscuro devnet: simulated TEE measurement"u8);

    /// <summary>The attestation authority governance accepts on a devnet: the simulated authority.</summary>
    public static readonly Hash256 SimulatedAuthority = Keccak256.Hash("Obscuro devnet: simulated attestation authority"u8);

    public const ulong L2ChainId = 443;

    public static Task<NetworkDeployment> DeployAsync(EthRpcClient rpc, Uri endpoint, IReadOnlyList<ulong> revealLengths, CancellationToken cancellationToken = default) =>
        DeployAsync(rpc, endpoint, revealLengths, RevealOption.M, cancellationToken);

    /// <param name="testTokenOption">The reveal option the test token is allow-listed with (fixed at listing).</param>
    public static async Task<NetworkDeployment> DeployAsync(EthRpcClient rpc, Uri endpoint, IReadOnlyList<ulong> revealLengths, RevealOption testTokenOption, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(endpoint);
        using var governance = new L1Sender(rpc, DevnetAccounts.PrivateKey(DevnetAccounts.Governance));
        var parameters = DeploymentParameters.Devnet(SimulatedMeasurement, SimulatedAuthority) with { TestToken = new TestTokenParameters(RevealOption: testTokenOption), RevealLengths = revealLengths };
        var contracts = await ManagementContractsDeployer.DeployAsync(governance, rpc, parameters, cancellationToken).ConfigureAwait(false);
        var addresses = contracts.Addresses;
        var anchor = await rpc.GetBlockByNumberAsync(BlockTag.At(addresses.AnchorNumber), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"L1 block {addresses.AnchorNumber} before the deployment is missing.");
        return new NetworkDeployment(
            addresses.ChainId, endpoint.ToString(), L2ChainId, addresses.NetworkManagement, addresses.RollupManagement, addresses.Bridge,
            addresses.TestToken, addresses.AnchorNumber, anchor.Hash, anchor.ParentHash, revealLengths, SimulatedMeasurement, SimulatedAuthority);
    }
}
