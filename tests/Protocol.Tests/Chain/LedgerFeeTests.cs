using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.Tests.Rollups;
using Obscuro.Protocol.Tests.Transactions;

namespace Obscuro.Protocol.Tests.Chain;

/// <summary>The L2 fee is the one governance set on L1, as of the block a rollup depends on.</summary>
public sealed class LedgerFeeTests : IDisposable
{
    private static readonly L1BlockRef Anchor = new(Keccak256.Hash("anchor"u8), Hash256.Zero, 100);
    private static readonly Address Bob = Wallets.AddressOf(2);
    private static readonly UInt256 Funds = new(10_000_000_000_000_000UL);
    private readonly RollupFixture _f = new();
    private readonly Ledger _ledger;

    public LedgerFeeTests() => _ledger = new Ledger(_f.Network, _f.Keys, _f.Admission, Anchor, retainedBlocks: 64);

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_lower_fee_set_on_L1_is_charged_from_the_rollup_that_depends_on_its_block_and_the_verifier_agrees()
    {
        var feePerGas = new UInt256(250_000_000UL); // below the rules' default of 1 gwei per gas
        var b1 = Apply("b1", Anchor, new DepositEvent(new L1Deposit(0, Wallets.AddressOf(1), Wallets.AddressOf(1), Address.Zero, Funds)));
        var b2 = Apply("b2", b1, new RollupPublishedEvent(BuildNext().Rollup), new L2FeeChangedEvent(feePerGas));
        Assert.Equal(feePerGas, _ledger.Head.FeePerGas);

        var r1 = BuildNext(Wallets.Sign(1, 0, Bob, new UInt256(5), maxFeePerGas: 250_000_000));
        var fee = NetworkRules.FeeFor(feePerGas);
        Assert.Equal(fee, Assert.Single(r1.Receipts).FeePaid);
        Apply("b3", b2, new RollupPublishedEvent(r1.Rollup));

        // Canonical means the ledger re-executed it with the fee it derived from L1 and reached the same commitment.
        Assert.Equal(r1.Rollup.Header.Hash, _ledger.Head.Head!.Header.Hash);
        Assert.Equal(Funds - new UInt256(5) - fee, _ledger.Head.State.GetAccount(Wallets.AddressOf(1)).Balance);
        Assert.Equal(fee, _ledger.Head.State.RewardPool);
    }

    [Fact]
    public void A_transaction_whose_fee_cap_is_below_a_raised_fee_stays_out()
    {
        var b1 = Apply("b1", Anchor, new DepositEvent(new L1Deposit(0, Wallets.AddressOf(1), Wallets.AddressOf(1), Address.Zero, Funds)));
        Apply("b2", b1, new RollupPublishedEvent(BuildNext().Rollup), new L2FeeChangedEvent(new UInt256(2_000_000_000UL)));
        var r1 = BuildNext(Wallets.Sign(1, 0, Bob, new UInt256(5), maxFeePerGas: 1_000_000_000));
        Assert.Empty(r1.Transactions);
    }

    [Fact]
    public void An_absurd_fee_saturates_instead_of_stopping_the_ledger()
    {
        Assert.Equal(UInt256.MaxValue, NetworkRules.FeeFor(UInt256.MaxValue));
        var b1 = Apply("b1", Anchor, new L2FeeChangedEvent(UInt256.MaxValue));
        Apply("b2", b1, new RollupPublishedEvent(BuildNext().Rollup));
        Assert.Equal(0UL, _ledger.Head.Head!.Header.Generation);
    }

    private L1BlockRef Apply(string name, L1BlockRef parent, params L1Event[] events)
    {
        var block = new L1BlockRef(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(name)), parent.Hash, parent.Number + 1);
        _ledger.Apply(new L1Block(block, events));
        return block;
    }

    // Decoded without a fee-cap check: that rule belongs to inclusion, against the fee of the rollup being built.
    private BuiltRollup BuildNext(params byte[][] raws) =>
        RollupBuilder.Build(_ledger.InputsForNextRollup()!, raws.Select(raw => _f.Admission.Decode(raw, UInt256.Zero)), 1000, UInt256.One, _f.Network, _f.Keys, _f.Enclaves[0]);
}
