using System.Net;
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

    public const ulong L2ChainId = 443;

    private static readonly Lock AuthorityLock = new();
    private static Task<SimulatedAttestationAuthorityHost>? _authority;

    /// <summary>The authority id of <paramref name="issuer"/> (the <c>iss</c> of its tokens, e.g. <c>http://127.0.0.1:41234</c>).</summary>
    public static Hash256 AuthorityOf(string issuer) => AttestationRegistration.AuthorityId(issuer);

    /// <summary>
    /// This process's simulated attestation authority on 127.0.0.1 (a free port), started on first use and kept for the
    /// life of the process: a devnet's nodes and every devnet a test run deploys share it, like a region's one MAA
    /// provider. INSECURE by design (it vouches for whatever a simulated TEE says).
    /// </summary>
    public static Task<SimulatedAttestationAuthorityHost> AttestationAuthorityAsync()
    {
        lock (AuthorityLock)
        {
            if (_authority is null || _authority.IsFaulted || _authority.IsCanceled)
            {
                _authority = SimulatedAttestationAuthorityHost.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
            }

            return _authority;
        }
    }

    /// <summary>Deploys accepting this process's simulated attestation authority (<see cref="AttestationAuthorityAsync"/>).</summary>
    public static Task<NetworkDeployment> DeployAsync(EthRpcClient rpc, Uri endpoint, IReadOnlyList<ulong> revealLengths, CancellationToken cancellationToken = default) =>
        DeployAsync(rpc, endpoint, revealLengths, RevealOption.M, cancellationToken);

    /// <param name="testTokenOption">The reveal option the test token is allow-listed with (fixed at listing).</param>
    public static async Task<NetworkDeployment> DeployAsync(EthRpcClient rpc, Uri endpoint, IReadOnlyList<ulong> revealLengths, RevealOption testTokenOption, CancellationToken cancellationToken = default)
    {
        var authority = await AttestationAuthorityAsync().ConfigureAwait(false);
        var issuer = authority.Authority.Issuer;
        return await DeployAsync(rpc, endpoint, revealLengths, testTokenOption, AuthorityOf(issuer), issuer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deploys accepting <paramref name="attestationIssuer"/> (a running <see cref="SimulatedAttestationAuthorityHost"/>'s
    /// <see cref="SimulatedAttestationAuthority.Issuer"/>) as the network's attestation authority.
    /// </summary>
    public static Task<NetworkDeployment> DeployAsync(
        EthRpcClient rpc, Uri endpoint, IReadOnlyList<ulong> revealLengths, string attestationIssuer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(attestationIssuer);
        return DeployAsync(rpc, endpoint, revealLengths, RevealOption.M, AuthorityOf(attestationIssuer), attestationIssuer, cancellationToken);
    }

    private static async Task<NetworkDeployment> DeployAsync(
        EthRpcClient rpc, Uri endpoint, IReadOnlyList<ulong> revealLengths, RevealOption testTokenOption, Hash256 authority, string issuer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(endpoint);
        using var governance = new L1Sender(rpc, DevnetAccounts.PrivateKey(DevnetAccounts.Governance));
        var parameters = DeploymentParameters.Devnet(SimulatedMeasurement, authority) with { TestToken = new TestTokenParameters(RevealOption: testTokenOption), RevealLengths = revealLengths };
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
