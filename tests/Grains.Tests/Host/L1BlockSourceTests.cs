using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Grains.Conversions;
using Obscuro.Grains.Node;

namespace Obscuro.Grains.Tests.Host;

[Collection(HostClusterDefinition.Name)]
public sealed class L1BlockSourceTests(HostClusterFixture fixture)
{
    [Fact]
    public async Task The_material_of_a_block_with_transactions_verifies_as_the_child_of_its_parent()
    {
        var deployment = fixture.Addresses.DeploymentBlock;
        var notice = new L1BlockNotice(deployment.Hash, deployment.ParentHash, deployment.Number);

        var material = await fixture.Internal.GetGrain<IL1BlockSourceGrain>("source").GetBlockAsync(notice);
        var content = L1BlockVerifier.VerifyChild(material.ToUnverified(), notice.ParentHash, notice.Number - 1);

        Assert.Equal(notice.Hash, content.Hash);
        Assert.NotEmpty(content.Transactions);
        Assert.Equal(fixture.Deployer.Address, content.Transactions[0].Transaction.RecoverSender());
    }

    [Fact]
    public async Task Material_altered_on_the_way_is_rejected_by_the_verifier()
    {
        var deployment = fixture.Addresses.DeploymentBlock;
        var material = await fixture.Internal.GetGrain<IL1BlockSourceGrain>("source").GetBlockAsync(new L1BlockNotice(deployment.Hash, deployment.ParentHash, deployment.Number));
        var receipt = (byte[])material.Receipts[0].Clone();
        receipt[^1] ^= 0x01;
        var altered = material with { Receipts = [receipt, .. material.Receipts.Skip(1)] };

        var error = Assert.Throws<L1BlockVerificationException>(() => L1BlockVerifier.Verify(altered.ToUnverified()));

        Assert.Equal(deployment.Hash, error.ClaimedHash);
    }

    [Fact]
    public async Task A_block_the_L1_node_does_not_know_is_refused_with_its_number_and_hash()
    {
        var unknown = new L1BlockNotice(Protocol.Ethereum.Keccak256.Hash("no such block"u8), Protocol.Ethereum.Hash256.Zero, 999_999);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Internal.GetGrain<IL1BlockSourceGrain>("source").GetBlockAsync(unknown));

        Assert.Contains("999999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_source_tells_a_block_the_L1_node_knows_from_one_it_does_not()
    {
        var source = fixture.Internal.GetGrain<IL1BlockSourceGrain>("source");
        Assert.True(await source.IsKnownAsync(fixture.Addresses.DeploymentBlock.Hash));
        Assert.False(await source.IsKnownAsync(Protocol.Ethereum.Keccak256.Hash("no such block"u8)));
    }
}
