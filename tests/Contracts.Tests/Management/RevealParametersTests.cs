using Obscuro.Contracts.Bindings;
using Obscuro.Protocol.Crypto;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// The reveal parameters on NetworkManagement: governance sets the interval lengths and the default option before the
/// network is initialised, with an event; bad values and any change after initialisation are refused, changing nothing.
/// (Non-governance callers are covered with every governance function in <see cref="GovernanceTests"/>.)
/// </summary>
[Collection(SharedManagementChain.Name)]
public sealed class RevealParametersTests(ManagementFixture fixture)
{
    [Fact]
    public async Task Governance_sets_the_reveal_parameters_before_initialisation_with_an_event()
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var reader = s.Reader.NetworkManagement;
        Assert.False(await reader.RevealParametersSetAsync());
        Assert.Equal(0UL, await reader.RevealLengthsAsync(RevealOption.S));

        var set = await s.As(fixture.Governance).NetworkManagement.SetRevealParametersAsync([1, 3, 6, 12, 24], RevealOption.M);
        var e = reader.DecodeRevealParametersSet(Assert.Single(set.Receipt.Logs));
        Assert.Equal([1UL, 3, 6, 12, 24], e.Lengths);
        Assert.Equal(RevealOption.M, e.DefaultOption);
        var read = await reader.RevealParametersAsync(Obscuro.Contracts.Rpc.BlockTag.Latest);
        Assert.NotNull(read);
        Assert.Equal([1UL, 3, 6, 12, 24], read.Value.Lengths);
        Assert.Equal(RevealOption.M, read.Value.DefaultOption);

        // Until initialisation governance may correct them.
        await s.As(fixture.Governance).NetworkManagement.SetRevealParametersAsync([1, 300, 7_200, 216_000, 2_628_000], RevealOption.S);
        Assert.Equal(2_628_000UL, await reader.RevealLengthsAsync(RevealOption.XL));
        Assert.Equal(RevealOption.S, await reader.DefaultRevealOptionAsync());
    }

    [Theory]
    [InlineData(0UL, 3UL, 6UL, 12UL, 24UL, 1)]
    [InlineData(4UL, 3UL, 6UL, 12UL, 24UL, 1)]
    [InlineData(1UL, 3UL, 6UL, 24UL, 12UL, 1)]
    [InlineData(1UL, 3UL, 6UL, 12UL, 24UL, 5)]
    public async Task Lengths_that_are_zero_or_decrease_and_unknown_options_are_refused(ulong xs, ulong sLength, ulong m, ulong l, ulong xl, int option)
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        await s.AssertRejectedAsync(
            fixture.Governance,
            c => c.NetworkManagement.SetRevealParametersAsync([xs, sLength, m, l, xl], (RevealOption)option),
            NetworkManagementErrors.InvalidRevealParameters,
            [xs, sLength, m, l, xl, option]);
        Assert.False(await s.Reader.NetworkManagement.RevealParametersSetAsync());
    }

    [Fact]
    public async Task After_initialisation_the_reveal_parameters_are_fixed()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        await s.AssertRejectedAsync(
            fixture.Governance,
            c => c.NetworkManagement.SetRevealParametersAsync([1, 3, 6, 12, 24], RevealOption.S),
            NetworkManagementErrors.NetworkAlreadyInitialized,
            []);
    }
}
