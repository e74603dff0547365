using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.Tests.Rollups;
using Obscuro.Protocol.Tests.Transactions;

namespace Obscuro.Protocol.Tests.Chain;

/// <summary>
/// The default reveal option is the one governance set on L1 (RevealParametersSet), as of the block a rollup depends
/// on, like the L2 fee: the node's built-in default (S) only applies while L1 has set none.
/// </summary>
public sealed class LedgerRevealDefaultTests : IDisposable
{
    private static readonly L1BlockRef Anchor = new(Keccak256.Hash("anchor"u8), Hash256.Zero, 100);
    private static readonly Address Bob = Wallets.AddressOf(2);
    private static readonly UInt256 Funds = new(10_000_000_000_000_000UL);
    private readonly RollupFixture _f = new();
    private readonly Ledger _ledger;

    public LedgerRevealDefaultTests() => _ledger = new Ledger(_f.Network, _f.Keys, _f.Admission, Anchor, retainedBlocks: 64);

    public void Dispose() => _f.Dispose();

    [Theory]
    [InlineData(RevealOption.M)]
    [InlineData(RevealOption.XS)]
    public void A_plain_transfer_lands_in_the_default_option_set_on_L1_and_the_verifier_agrees(RevealOption option)
    {
        Assert.Equal(RevealOption.S, _f.Network.Rules.DefaultRevealOption);
        var b1 = Apply("b1", Anchor, new DefaultRevealOptionSetEvent(option), Deposit());
        Assert.Equal(option, _ledger.Head.DefaultRevealOption);
        var b2 = Apply("b2", b1, new RollupPublishedEvent(BuildNext().Rollup));

        var inputs = _ledger.InputsForNextRollup()!;
        Assert.Equal(option, inputs.DefaultRevealOption);
        var r1 = Build(inputs, Wallets.Sign(1, 0, Bob, new UInt256(5)));
        Assert.Single(r1.Transactions);
        var group = Assert.Single(r1.Layout.Groups, g => g.TransactionCount > 0);
        Assert.Equal(option, group.Option);
        Assert.DoesNotContain(r1.Layout.Groups, g => g.Option == RevealOption.S && g.TransactionCount > 0);

        // Canonical means the ledger re-executed it with the option it derived from L1 and found it in the right group.
        var outcome = Assert.Single(ApplyOutcomes("b3", b2, new RollupPublishedEvent(r1.Rollup)));
        Assert.Equal(RollupStanding.Canonical, outcome.Standing);
        Assert.Equal(r1.Rollup.Header.Hash, _ledger.Head.Head!.Header.Hash);
    }

    [Fact]
    public void A_builder_that_ignores_L1s_default_option_is_rejected()
    {
        var b1 = Apply("b1", Anchor, new DefaultRevealOptionSetEvent(RevealOption.M), Deposit());
        var b2 = Apply("b2", b1, new RollupPublishedEvent(BuildNext().Rollup));

        // Built with the node's own default (S) instead of L1's M.
        var stale = Build(_ledger.InputsForNextRollup()! with { DefaultRevealOption = null }, Wallets.Sign(1, 0, Bob, new UInt256(5)));
        Assert.Equal(RevealOption.S, Assert.Single(stale.Layout.Groups, g => g.TransactionCount > 0).Option);
        var outcome = Assert.Single(ApplyOutcomes("b3", b2, new RollupPublishedEvent(stale.Rollup)));
        Assert.Equal(RollupStanding.Rejected, outcome.Standing);
        Assert.Equal(RollupRejection.WrongOption, outcome.Rejection);
    }

    [Fact]
    public void Without_a_default_option_on_L1_the_rules_default_applies_and_a_later_change_counts_from_its_block()
    {
        var b1 = Apply("b1", Anchor, Deposit());
        Assert.Null(_ledger.Head.DefaultRevealOption);
        var b2 = Apply("b2", b1, new RollupPublishedEvent(BuildNext().Rollup));
        var r1 = BuildNext(Wallets.Sign(1, 0, Bob, new UInt256(5)));
        Assert.Equal(RevealOption.S, Assert.Single(r1.Layout.Groups, g => g.TransactionCount > 0).Option);

        // The change is in the block r1 is published in: r1 (depending on b2) keeps S and stays valid; r2 uses L.
        var b3 = Apply("b3", b2, new RollupPublishedEvent(r1.Rollup), new DefaultRevealOptionSetEvent(RevealOption.L));
        Assert.Equal(r1.Rollup.Header.Hash, _ledger.Head.Head!.Header.Hash);
        var r2 = BuildNext(Wallets.Sign(1, 1, Bob, new UInt256(5)));
        Assert.Equal(RevealOption.L, Assert.Single(r2.Layout.Groups, g => g.TransactionCount > 0).Option);
        Apply("b4", b3, new RollupPublishedEvent(r2.Rollup));
        Assert.Equal(r2.Rollup.Header.Hash, _ledger.Head.Head!.Header.Hash);
    }

    private static DepositEvent Deposit() => new(new L1Deposit(0, Wallets.AddressOf(1), Wallets.AddressOf(1), Address.Zero, Funds));

    private L1BlockRef Apply(string name, L1BlockRef parent, params L1Event[] events)
    {
        var block = new L1BlockRef(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(name)), parent.Hash, parent.Number + 1);
        _ledger.Apply(new L1Block(block, events));
        return block;
    }

    private IReadOnlyList<RollupOutcome> ApplyOutcomes(string name, L1BlockRef parent, params L1Event[] events)
    {
        var block = new L1BlockRef(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(name)), parent.Hash, parent.Number + 1);
        return _ledger.Apply(new L1Block(block, events));
    }

    private BuiltRollup BuildNext(params byte[][] raws) => Build(_ledger.InputsForNextRollup()!, raws);

    private BuiltRollup Build(RollupInputs inputs, params byte[][] raws) =>
        RollupBuilder.Build(inputs, raws.Select(raw => _f.Admission.Decode(raw, UInt256.Zero)), 1000, UInt256.One, _f.Network, _f.Keys, _f.Enclaves[0]);
}
