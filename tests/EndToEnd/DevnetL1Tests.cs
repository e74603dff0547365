using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Devnet;

namespace Obscuro.EndToEnd.Tests;

/// <summary>The devnet's L1 as the devnet command sets it up: its own anvil, the contracts, the deployment file.</summary>
public sealed class DevnetL1Tests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private AnvilProcess? _anvil;

    private EthRpcClient Rpc => new(_http, new EthRpcOptions { Endpoint = _anvil!.Endpoint });

    public async Task InitializeAsync() => _anvil = await AnvilProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_anvil is not null) await _anvil.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task The_devnet_keys_are_anvils_funded_accounts()
    {
        var accounts = await Rpc.RequestAsync("eth_accounts", []);
        var funded = accounts.EnumerateArray().Select(a => Address.Parse(a.GetString()!)).ToList();
        Assert.Equal(funded, Enumerable.Range(0, DevnetAccounts.Count).Select(DevnetAccounts.Address));
    }

    [Fact]
    public async Task Deployment_produces_a_file_whose_contracts_answer_on_chain()
    {
        var deployment = await DevnetL1.DeployAsync(Rpc, _anvil!.Endpoint, [1, 3, 6, 12, 24]);
        var reloaded = NetworkDeployment.Parse(deployment.ToJson());
        var contracts = ManagementContracts.Bind(
            new ManagementContractAddresses(reloaded.L1ChainId, reloaded.NetworkManagement, reloaded.RollupManagement, reloaded.Bridge, reloaded.TestToken,
                new Protocol.Chain.L1BlockRef(Hash256.Zero, reloaded.AnchorHash, reloaded.AnchorNumber + 1)),
            Rpc);

        Assert.Equal(31337UL, reloaded.L1ChainId);
        Assert.NotEmpty(await Rpc.GetCodeAsync(reloaded.Bridge, BlockTag.Latest));
        Assert.Equal(DevnetAccounts.Address(DevnetAccounts.Governance), await contracts.NetworkManagement.GovernanceAsync());
        Assert.True(await contracts.NetworkManagement.AcceptedMeasurementsAsync(DevnetL1.SimulatedMeasurement));

        // The authority is the devnet's running simulated authority, by the id of its issuer, named in the file.
        var authority = await DevnetL1.AttestationAuthorityAsync();
        Assert.Equal(authority.Authority.Issuer, reloaded.AttestationAuthority);
        Assert.Equal(DevnetL1.AuthorityOf(authority.Authority.Issuer), reloaded.Authority);
        Assert.True(await contracts.NetworkManagement.AcceptedAuthoritiesAsync(reloaded.Authority));
        var anchor = await Rpc.GetBlockByNumberAsync(BlockTag.At(reloaded.AnchorNumber));
        Assert.Equal(anchor!.Hash, reloaded.AnchorHash);
        Assert.True(reloaded.TestToken.HasValue);
    }
}
