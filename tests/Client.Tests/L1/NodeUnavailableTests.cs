using Obscuro.Client.Tests.Support;

namespace Obscuro.Client.Tests.L1;

[Collection(SharedL1.Name)]
public sealed class NodeUnavailableTests(L1Fixture fixture)
{
    [Fact]
    public async Task A_node_nobody_listens_for_exits_with_the_node_code_and_names_its_gateways()
    {
        var gateway = fixture.DeadGateway;

        var result = await fixture.Cli().RunAsync("balance", "--connect-timeout", "1");

        Assert.Equal(7, result.ExitCode);
        Assert.Contains(gateway, result.Error, StringComparison.Ordinal);
        Assert.Contains("hint: Start the devnet", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transfer_with_the_node_down_exits_with_the_node_code()
    {
        var result = await fixture.Cli().RunAsync("transfer", fixture.EnclaveB.Address.ToChecksumString(), "1", "--connect-timeout", "1", "--json");

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("NodeUnavailable", result.Json["error"]!["kind"]!.GetValue<string>());
    }
}
