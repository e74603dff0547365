using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Attestation;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Tee.Simulated;

namespace Obscuro.Silo.Devnet;

/// <summary>
/// Sets up the devnet's L1: deploys the management contracts and a test token from the governance account, accepting
/// the simulated TEE's measurement and the devnet's simulated attestation authority (by the same ids an Azure network
/// would use for its MAA provider, <see cref="AttestationRegistration"/>), and describes the result as a
/// <see cref="NetworkDeployment"/> that names the authority, so simulated TEEs know where to attest.
/// </summary>
public static class DevnetL1
{
    /// <summary>
    /// The measurement governance accepts on a devnet: <see cref="AttestationRegistration.MeasurementId"/> of the simulated
    /// attestation type and <see cref="SimulatedTeeSettings.DefaultLaunchMeasurement"/>, the value a simulated TEE claims.
    /// </summary>
    public static readonly Hash256 SimulatedMeasurement = AttestationRegistration.MeasurementId(
        AttestationProfile.Simulated.AttestationType, Convert.FromHexString(SimulatedTeeSettings.DefaultLaunchMeasurement));

    /// <summary>
    /// Accepted when the devnet is deployed without an attestation authority (<see cref="DeployAsync(EthRpcClient, Uri,
    /// IReadOnlyList{ulong}, CancellationToken)"/>): no token hashes to it, so no node of such a network gets the seed.
    /// </summary>
    public static readonly Hash256 SimulatedAuthority = Keccak256.Hash("Obscuro devnet: simulated attestation authority"u8);

    public const ulong L2ChainId = 443;

    /// <summary>The authority id of <paramref name="issuer"/> (the <c>iss</c> of its tokens, e.g. <c>http://127.0.0.1:41234</c>).</summary>
    public static Hash256 AuthorityOf(string issuer) => AttestationRegistration.AuthorityId(issuer);

    /// <summary>Deploys without an attestation authority: contracts only (nodes need <see cref="DeployAsync(EthRpcClient, Uri, IReadOnlyList{ulong}, string, CancellationToken)"/>).</summary>
    public static Task<NetworkDeployment> DeployAsync(EthRpcClient rpc, Uri endpoint, IReadOnlyList<ulong> revealLengths, CancellationToken cancellationToken = default) =>
        DeployAsync(rpc, endpoint, revealLengths, SimulatedAuthority, null, cancellationToken);

    /// <summary>
    /// Deploys accepting <paramref name="attestationIssuer"/> (a running <see cref="SimulatedAttestationAuthorityHost"/>'s
    /// <see cref="SimulatedAttestationAuthority.Issuer"/>) as the network's attestation authority.
    /// </summary>
    public static Task<NetworkDeployment> DeployAsync(
        EthRpcClient rpc, Uri endpoint, IReadOnlyList<ulong> revealLengths, string attestationIssuer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(attestationIssuer);
        return DeployAsync(rpc, endpoint, revealLengths, AuthorityOf(attestationIssuer), attestationIssuer, cancellationToken);
    }

    private static async Task<NetworkDeployment> DeployAsync(
        EthRpcClient rpc, Uri endpoint, IReadOnlyList<ulong> revealLengths, Hash256 authority, string? issuer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(endpoint);
        using var governance = new L1Sender(rpc, DevnetAccounts.PrivateKey(DevnetAccounts.Governance));
        var parameters = DeploymentParameters.Devnet(SimulatedMeasurement, authority) with { TestToken = new TestTokenParameters(RevealOption: RevealOption.M) };
        var contracts = await ManagementContractsDeployer.DeployAsync(governance, rpc, parameters, cancellationToken).ConfigureAwait(false);
        var addresses = contracts.Addresses;
        var anchor = await rpc.GetBlockByNumberAsync(BlockTag.At(addresses.AnchorNumber), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"L1 block {addresses.AnchorNumber} before the deployment is missing.");
        return new NetworkDeployment(
            addresses.ChainId, endpoint.ToString(), L2ChainId, addresses.NetworkManagement, addresses.RollupManagement, addresses.Bridge,
            addresses.TestToken, addresses.AnchorNumber, anchor.Hash, anchor.ParentHash, revealLengths, SimulatedMeasurement, authority)
        {
            AttestationAuthority = issuer,
        };
    }
}
