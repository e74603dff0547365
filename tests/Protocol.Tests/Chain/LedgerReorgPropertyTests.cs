using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.Tests.Rollups;
using Obscuro.Protocol.Tests.Transactions;

namespace Obscuro.Protocol.Tests.Chain;

public sealed class LedgerReorgPropertyTests : IDisposable
{
    private static readonly L1BlockRef Anchor = new(Keccak256.Hash("anchor"u8), Hash256.Zero, 0);
    private readonly RollupFixture _f = new();

    public void Dispose() => _f.Dispose();

    /// <summary>
    /// Follow fork A, then reorganise at some depth to fork B: the ledger must end exactly where a ledger that only
    /// ever saw fork B ends (same head rollup, same state root). Steps encode per block: deposit?, publish a rollup?,
    /// and how many transfers that rollup carries.
    /// </summary>
    [Property(MaxTest = 25)]
    public Property Rollback_and_replay_equals_building_the_new_fork_from_scratch(byte[] forkA, byte[] forkB, byte depth)
    {
        forkA = (forkA ?? []).Take(12).ToArray();
        forkB = (forkB ?? []).Take(12).ToArray();
        var followed = new Ledger(_f.Network, _f.Keys, _f.Admission, Anchor, 64);
        var blocksA = Grow(followed, Anchor, forkA, "A", []);
        var keep = forkA.Length == 0 ? 0 : forkA.Length - (depth % (forkA.Length + 1));
        var common = blocksA.Take(keep).ToList();
        var forkPoint = common.Count == 0 ? Anchor : common[^1].Ref;
        _ = followed.Apply(new L1Block(forkPoint, [])); // the L1 node switches: back to the common ancestor
        var blocksB = Grow(followed, forkPoint, forkB, "B", common);

        var fresh = new Ledger(_f.Network, _f.Keys, _f.Admission, Anchor, 64);
        foreach (var block in common.Concat(blocksB)) fresh.Apply(block);

        var a = followed.Head;
        var b = fresh.Head;
        return (a.Block == b.Block && a.Head?.Header.Hash == b.Head?.Header.Hash && a.State.ComputeRoot() == b.State.ComputeRoot())
            .Label($"followed head {a.Head?.Header.Hash} at {a.Block.Number}, fresh head {b.Head?.Header.Hash} at {b.Block.Number}");
    }

    private List<L1Block> Grow(Ledger ledger, L1BlockRef from, byte[] steps, string fork, List<L1Block> before)
    {
        var blocks = new List<L1Block>();
        var parent = from;
        var deposits = (ulong)before.Sum(b => b.Events.OfType<DepositEvent>().Count());
        foreach (var step in steps)
        {
            var events = new List<L1Event>();
            if ((step & 1) != 0)
            {
                events.Add(new DepositEvent(new L1Deposit(deposits++, Wallets.AddressOf(1), Wallets.AddressOf(1 + (step % 3)), Address.Zero, new UInt256(10_000_000_000_000_000))));
            }

            if ((step & 2) != 0 && ledger.InputsForNextRollup() is { } inputs)
            {
                var pending = Enumerable.Range(0, (step >> 2) % 4)
                    .Select(i => Wallets.Sign(1 + (i % 3), inputs.ParentState.GetAccount(Wallets.AddressOf(1 + (i % 3))).Nonce, Wallets.AddressOf(7), new UInt256((ulong)step)))
                    .Select(_f.Admit);
                var built = RollupBuilder.Build(inputs, pending, 100, new UInt256(step), _f.Network, _f.Keys, _f.Enclaves[step % 3]);
                events.Add(new RollupPublishedEvent(built.Rollup));
            }

            var block = new L1Block(new L1BlockRef(Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes($"{fork}{parent.Hash}{blocks.Count}")), parent.Hash, parent.Number + 1), events);
            ledger.Apply(block);
            blocks.Add(block);
            parent = block.Ref;
        }

        return blocks;
    }
}
