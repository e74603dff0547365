using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Pobi;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.Tests.Rollups;
using Obscuro.Protocol.Tests.Transactions;

namespace Obscuro.Protocol.Tests.Chain;

public sealed class LedgerTests : IDisposable
{
    private static readonly L1BlockRef Anchor = new(Keccak256.Hash("anchor"u8), Hash256.Zero, 100);
    private static readonly Address Bob = Wallets.AddressOf(2);
    private readonly RollupFixture _f = new();
    private readonly Ledger _ledger;

    public LedgerTests() => _ledger = new Ledger(_f.Network, _f.Keys, _f.Admission, Anchor, retainedBlocks: 64);

    public void Dispose() => _f.Dispose();

    private static L1BlockRef Ref(string name, L1BlockRef parent) => new(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(name)), parent.Hash, parent.Number + 1);

    private L1BlockRef Apply(string name, L1BlockRef parent, params L1Event[] events)
    {
        var block = Ref(name, parent);
        _ledger.Apply(new L1Block(block, events));
        return block;
    }

    private static DepositEvent Deposit(ulong id, int wallet, ulong wei) => new(new L1Deposit(id, Wallets.AddressOf(wallet), Wallets.AddressOf(wallet), Address.Zero, new UInt256(wei)));

    private BuiltRollup BuildNext(int enclave = 0, ulong nonce = 1, params byte[][] raws) =>
        RollupBuilder.Build(_ledger.InputsForNextRollup()!, raws.Select(_f.Admit), 1000, new UInt256(nonce), _f.Network, _f.Keys, _f.Enclaves[enclave]);

    private static RollupPublishedEvent Published(BuiltRollup rollup) => new(rollup.Rollup);

    [Fact]
    public void Genesis_and_children_become_canonical_in_l1_order()
    {
        var b1 = Apply("b1", Anchor, Deposit(0, 1, 10_000_000_000_000_000));
        var r0 = BuildNext();
        var b2 = Apply("b2", b1, Published(r0));
        Assert.Equal(r0.Rollup.Header.Hash, _ledger.Head.Head!.Header.Hash);
        Assert.Equal(new UInt256(10_000_000_000_000_000), _ledger.Head.State.GetAccount(Wallets.AddressOf(1)).Balance);

        var r1 = BuildNext(raws: Wallets.Sign(1, 0, Bob, new UInt256(5)));
        Assert.Equal(b2.Number, r1.Rollup.Header.InclusionBlockNumber);
        var outcomes = _ledger.Apply(new L1Block(Ref("b3", b2), [Published(r1)]));
        Assert.Equal(RollupStanding.Canonical, Assert.Single(outcomes).Standing);
        Assert.Equal(new UInt256(5), _ledger.Head.State.GetAccount(Bob).Balance);
        Assert.Equal(1UL, _ledger.Head.Head!.Header.Generation);
    }

    [Fact]
    public void Deposits_are_credited_only_by_a_rollup_that_depends_on_their_block()
    {
        var b1 = Apply("b1", Anchor);
        var r0 = BuildNext();
        var b2 = Apply("b2", b1, Published(r0), Deposit(0, 3, 777));
        Assert.Equal(UInt256.Zero, _ledger.Head.State.GetAccount(Wallets.AddressOf(3)).Balance); // seen on L1, not yet in a rollup
        var r1 = BuildNext();
        Apply("b3", b2, Published(r1));
        Assert.Equal(new UInt256(777), _ledger.Head.State.GetAccount(Wallets.AddressOf(3)).Balance);
        Assert.Equal(1UL, _ledger.Head.State.NextDepositId);
    }

    [Fact]
    public void A_reorg_drops_a_rollup_and_the_same_rollup_republished_on_the_new_fork_is_accepted_again()
    {
        var b1 = Apply("b1", Anchor, Deposit(0, 1, 10_000_000_000_000_000));
        var r0 = BuildNext();
        var b2 = Apply("b2", b1, Published(r0));
        var r1 = BuildNext(raws: Wallets.Sign(1, 0, Bob, new UInt256(5)));
        Apply("b3", b2, Published(r1));
        Assert.Equal(1UL, _ledger.Head.Head!.Header.Generation);

        var b3b = Apply("b3'", b2); // the L1 reorganises: b3 is replaced by b3'
        Assert.Equal(0UL, _ledger.Head.Head!.Header.Generation);
        Assert.Equal(UInt256.Zero, _ledger.Head.State.GetAccount(Bob).Balance);

        var outcomes = _ledger.Apply(new L1Block(Ref("b4'", b3b), [Published(r1)]));
        Assert.Equal(RollupStanding.Canonical, Assert.Single(outcomes).Standing);
        Assert.Equal(new UInt256(5), _ledger.Head.State.GetAccount(Bob).Balance);
    }

    [Fact]
    public void A_rollup_depending_on_a_reorganised_deposit_block_is_rejected_and_the_deposit_is_not_credited()
    {
        var b1 = Apply("b1", Anchor);
        var r0 = BuildNext();
        var b2 = Apply("b2", b1, Published(r0));
        var b3 = Apply("b3", b2, Deposit(0, 3, 777));
        var r1 = BuildNext(); // depends on b3 and credits the deposit
        Assert.Equal(b3.Number, r1.Rollup.Header.DependencyBlockNumber);

        var b3b = Apply("b3'", b2); // the deposit's block is gone
        var outcome = Assert.Single(_ledger.Apply(new L1Block(Ref("b4'", b3b), [Published(r1)])));
        Assert.Equal(RollupStanding.Rejected, outcome.Standing);
        Assert.Equal(RollupRejection.WrongDependency, outcome.Rejection);
        Assert.Equal(UInt256.Zero, _ledger.Head.State.GetAccount(Wallets.AddressOf(3)).Balance);
        Assert.Equal(0UL, _ledger.Head.Head!.Header.Generation);
    }

    [Fact]
    public void Returning_to_a_known_block_restores_its_snapshot()
    {
        var b1 = Apply("b1", Anchor);
        var r0 = BuildNext();
        var b2 = Apply("b2", b1, Published(r0));
        var snapshot = _ledger.Head;
        Apply("b3", b2);
        Assert.Empty(_ledger.Apply(new L1Block(b2, [Published(r0)])));
        Assert.Same(snapshot, _ledger.Head);
    }

    [Fact]
    public void Blocks_must_arrive_in_order()
    {
        var orphan = new L1BlockRef(Keccak256.Hash("x"u8), Keccak256.Hash("unknown"u8), 5);
        Assert.Throws<InvalidOperationException>(() => _ledger.Apply(new L1Block(orphan, [])));
        var wrongNumber = new L1BlockRef(Keccak256.Hash("y"u8), Anchor.Hash, Anchor.Number + 2);
        Assert.Throws<InvalidOperationException>(() => _ledger.Apply(new L1Block(wrongNumber, [])));
        Assert.Equal(Anchor, _ledger.Head.Block);
    }

    [Fact]
    public void First_published_child_wins_and_the_lowest_nonce_is_rewarded_two_generations_later()
    {
        var fees = Enumerable.Range(0, 8).Select(i => Wallets.Sign(1, (ulong)i, Bob, UInt256.One)).ToArray();
        var b1 = Apply("b1", Anchor, Deposit(0, 1, 10_000_000_000_000_000));
        var r0 = BuildNext();
        var b2 = Apply("b2", b1, Published(r0));

        // Round of generation 1: enclave 0 draws 900, enclave 1 draws 5. Enclave 0 front-runs in the next block.
        var frontRunner = BuildNext(enclave: 0, nonce: 900, raws: fees);
        var winner = BuildNext(enclave: 1, nonce: 5, raws: fees);
        var b3 = Apply("b3", b2, Published(frontRunner));
        var outcomes = _ledger.Apply(new L1Block(Ref("b4", b3), [Published(winner)]));
        Assert.Equal(RollupStanding.Sibling, Assert.Single(outcomes).Standing);
        Assert.Equal(frontRunner.Rollup.Header.Hash, _ledger.Head.Head!.Header.Hash); // first published stays canonical
        var b4 = Ref("b4", b3);

        var r2 = BuildNext();
        var b5 = Apply("b5", b4, Published(r2));
        var r3 = BuildNext();
        Assert.Equal(3UL, r3.Rollup.Header.Generation);
        var expected = Lottery.Classify(b2.Number, [
            new PublishedCandidate(frontRunner.Rollup.Header.Hash, _f.Enclaves[0].Address, new UInt256(900), b3.Number),
            new PublishedCandidate(winner.Rollup.Header.Hash, _f.Enclaves[1].Address, new UInt256(5), b4.Number)]);
        Assert.Equal([RewardClass.None, RewardClass.Minimal], expected);
        var reward = Assert.Single(r3.Rollup.Header.Rewards);
        Assert.Equal(_f.Enclaves[1].Address, reward.Recipient);
        Assert.Equal(Wallets.Rules.MinimalReward, reward.Amount);
        Assert.Equal(RollupStanding.Canonical, Assert.Single(_ledger.Apply(new L1Block(Ref("b6", b5), [Published(r3)]))).Standing);
    }

    [Fact]
    public void Rewards_go_to_the_registered_operator()
    {
        var operatorAddress = Wallets.AddressOf(42);
        var b1 = Apply("b1", Anchor, Deposit(0, 1, 10_000_000_000_000_000), new NodeRegisteredEvent(_f.Enclaves[0].Address, operatorAddress, true));
        var r0 = BuildNext();
        var b2 = Apply("b2", b1, Published(r0));
        var fees = Enumerable.Range(0, 8).Select(i => Wallets.Sign(1, (ulong)i, Bob, UInt256.One)).ToArray();
        var r1 = BuildNext(raws: fees);
        var b3 = Apply("b3", b2, Published(r1)); // next block after the parent's: full reward
        var r2 = BuildNext();
        Apply("b4", b3, Published(r2));
        var r3 = BuildNext();
        var reward = Assert.Single(r3.Rollup.Header.Rewards);
        Assert.Equal(new Reward(operatorAddress, Wallets.Rules.FullReward < r2.State.RewardPool ? Wallets.Rules.FullReward : r2.State.RewardPool), reward);
    }
}
