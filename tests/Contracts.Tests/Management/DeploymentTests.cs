using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>The deployer: order, constructor arguments, the anchor block, the test token, and parameters refused before any gas is spent.</summary>
[Collection(SharedManagementChain.Name)]
public sealed class DeploymentTests(ManagementFixture fixture)
{
    [Fact]
    public async Task Deploys_the_set_with_its_parameters_wired_together()
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var c = s.Reader;
        var p = ManagementFixture.Parameters;
        var addresses = s.Addresses;

        foreach (var (address, artifact) in new[]
        {
            (addresses.NetworkManagement, NetworkManagementContract.Artifact),
            (addresses.RollupManagement, RollupManagementContract.Artifact),
            (addresses.Bridge, BridgeContract.Artifact),
            (addresses.TestToken!.Value, TestTokenContract.Artifact),
        })
        {
            // Same runtime code, apart from the immutables (other contracts' addresses) the constructor fills in.
            var code = await s.Rpc.GetCodeAsync(address, BlockTag.Latest);
            Assert.Equal(artifact.DeployedBytecode.Length, code.Length);
            Assert.Equal(artifact.DeployedBytecode.Span[..64].ToArray(), code[..64]);
        }

        Assert.Equal(fixture.ChainId, addresses.ChainId);
        Assert.Equal(fixture.Governance.Address, await c.NetworkManagement.GovernanceAsync());
        Assert.True(await c.NetworkManagement.AcceptedMeasurementsAsync(ManagementFixture.Measurement));
        Assert.True(await c.NetworkManagement.AcceptedAuthoritiesAsync(ManagementFixture.Authority));
        Assert.Equal(p.RegistrationFee, await c.NetworkManagement.RegistrationFeeAsync());
        Assert.Equal(p.MinimumStake, await c.NetworkManagement.MinimumStakeAsync());
        Assert.Equal(p.UnbondingDelay, await c.NetworkManagement.UnbondingDelayAsync());
        Assert.Equal(p.L2TransactionFee, await c.NetworkManagement.L2TransactionFeeAsync());
        Assert.Equal(addresses.NetworkManagement, await c.RollupManagement.NetworkManagementAsync());
        Assert.Equal(p.HeadTimeout, await c.RollupManagement.HeadTimeoutAsync());
        Assert.Equal(p.WithdrawalDelay, await c.RollupManagement.WithdrawalDelayAsync());
        Assert.Equal(p.ForkLockPeriod, await c.RollupManagement.ForkLockPeriodAsync());
        Assert.Equal(addresses.NetworkManagement, await c.Bridge.NetworkManagementAsync());
        Assert.Equal(addresses.RollupManagement, await c.Bridge.RollupManagementAsync());
        Assert.Equal(new TokenConfig(true, RevealOption.M), await c.Bridge.TokensAsync(addresses.TestToken!.Value));
        Assert.Equal("TT", await c.TestToken!.SymbolAsync());
    }

    [Fact]
    public async Task The_anchor_is_the_block_before_the_first_deployment()
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var deployment = s.Addresses.DeploymentBlock;
        var block = await s.BlockAsync(deployment.Number);
        Assert.Equal(block.Hash, deployment.Hash);
        Assert.Equal((await s.BlockAsync(s.Addresses.AnchorNumber)).Hash, s.Addresses.AnchorHash);
        Assert.Empty(await s.Rpc.GetCodeAsync(s.Addresses.NetworkManagement, BlockTag.At(s.Addresses.AnchorNumber)));
        Assert.NotEmpty(await s.Rpc.GetCodeAsync(s.Addresses.NetworkManagement, BlockTag.At(deployment.Number)));

        // Every event of the set is at or after the deployment block: a node that starts at the anchor misses nothing.
        var events = await s.Reader.NetworkManagement.GetEventsAsync(BlockTag.Earliest, BlockTag.Latest);
        Assert.Contains(events, e => e is GovernanceTransferredEvent g && g.Current == fixture.Governance.Address && g.Origin.BlockNumber == deployment.Number);
        Assert.All(events, e => Assert.True(e.Origin.BlockNumber >= deployment.Number));
    }

    [Theory]
    [InlineData(0UL, 8UL, 15UL)]
    [InlineData(5UL, 0UL, 15UL)]
    [InlineData(5UL, 8UL, 5UL)]
    [InlineData(5UL, 8UL, 4UL)]
    public async Task Refuses_finality_parameters_the_constructor_would_reject_before_sending(ulong headTimeout, ulong withdrawalDelay, ulong forkLockPeriod)
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var before = await s.BlockNumberAsync();
        var parameters = ManagementFixture.Parameters with { HeadTimeout = headTimeout, WithdrawalDelay = withdrawalDelay, ForkLockPeriod = forkLockPeriod };
        await Assert.ThrowsAsync<ArgumentException>(() => ManagementContractsDeployer.DeployAsync(s.SenderOf(fixture.Governance), s.Rpc, parameters));
        Assert.Equal(before, await s.BlockNumberAsync());
    }

    [Fact]
    public async Task A_test_token_needs_the_deployer_to_be_governance()
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var parameters = ManagementFixture.Parameters with { Governance = fixture.Outsider.Address };
        await Assert.ThrowsAsync<ArgumentException>(() => ManagementContractsDeployer.DeployAsync(s.SenderOf(fixture.Governance), s.Rpc, parameters));
    }

    [Fact]
    public async Task Deploys_with_another_governance_and_without_a_token()
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var parameters = new DeploymentParameters { Governance = fixture.Outsider.Address };
        var contracts = await ManagementContractsDeployer.DeployAsync(s.SenderOf(fixture.Governance), s.Rpc, parameters);
        Assert.Null(contracts.TestToken);
        Assert.Null(contracts.Addresses.TestToken);
        Assert.Equal(fixture.Outsider.Address, await contracts.NetworkManagement.GovernanceAsync());
        Assert.False(await contracts.NetworkManagement.AcceptedMeasurementsAsync(ManagementFixture.Measurement));
        Assert.Equal(new DeploymentParameters().HeadTimeout, await contracts.RollupManagement.HeadTimeoutAsync());
    }
}
