using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// Random publication schedules on the real contract, compared after every step with <see cref="ForkLockModel"/>: the
/// lock (latched and as the views report it, with its <c>forkSince</c>), the live heads, <c>forkSince</c>, the
/// <c>ForkStarted</c> and <c>WithdrawalsLocked</c> events, and the withdrawal state of two rollups.
/// </summary>
/// <remarks>
/// It mines thousands of blocks, after which anvil no longer serves the state of the first blocks once the shared
/// chain is reverted to an early snapshot (<see cref="DeploymentTests"/> reads the code at the anchor block), so it
/// runs on a chain of its own.
/// </remarks>
[Collection(ForkLockPropertyChain.Name)]
public sealed class ForkLockPropertyTests(ManagementFixture fixture)
{
    private static readonly ulong H = ManagementFixture.Parameters.HeadTimeout;
    private static readonly ulong N = ManagementFixture.Parameters.WithdrawalDelay;
    private static readonly ulong M = ManagementFixture.Parameters.ForkLockPeriod;

    /// <summary>
    /// One step. <see cref="Kind"/> mod 32, with f = <see cref="Schedule.Churn"/> (1–4: how often the schedule forks):
    /// below f a child of any recent rollup (usually a fork); f a child of any head (possibly a dead one: a revival); up
    /// to 26 a child of one of the two newest heads, mostly the older one (so two lines stay alive side by side); 27–30
    /// mine 1–4 blocks; 31 a fork resolution naming a recent rollup (one time in three; else mine a block).
    /// <see cref="Index"/> picks the parent and its parity the aggregator (A or B); <see cref="Blocks"/> the blocks to
    /// mine, the rollup governance names, and the rollup whose withdrawal state is checked.
    /// </summary>
    public sealed record ScheduleStep(byte Kind, byte Index, byte Blocks);

    /// <summary>A schedule: 20 to 120 steps after the genesis.</summary>
    public sealed record Schedule(int Churn, ScheduleStep[] Steps)
    {
        public override string ToString() => $"churn {Churn}, steps [{string.Join(", ", Steps.Select(x => $"({x.Kind},{x.Index},{x.Blocks})"))}]";
    }

    public static class Schedules
    {
        public static Arbitrary<Schedule> Arbitrary()
        {
            var value = Gen.Choose(0, 255).Select(x => (byte)x);
            var step = value.SelectMany(k => value, (k, i) => (k, i)).SelectMany(ki => value, (ki, n) => new ScheduleStep(ki.k, ki.i, n));
            var schedule = Gen.Choose(1, 4).SelectMany(churn => Gen.Choose(20, 120).SelectMany(n => Gen.ArrayOf(step, n)), (churn, steps) => new Schedule(churn, steps));
            return Arb.From(schedule, Shrink);
        }

        /// <summary>
        /// Shorter schedules: without a run of steps, runs of half the length first, then of a quarter, and so on (single
        /// steps only once the schedule is short); each candidate replays the whole schedule on anvil, so the halving
        /// keeps a failing case's shrinking to minutes.
        /// </summary>
        private static IEnumerable<Schedule> Shrink(Schedule schedule)
        {
            var steps = schedule.Steps;
            for (var chunk = steps.Length / 2; chunk >= 1 && (chunk > 1 || steps.Length <= 30); chunk /= 2)
            {
                for (var start = steps.Length - chunk; start >= 0; start -= chunk)
                {
                    yield return schedule with { Steps = [.. steps[..start], .. steps[(start + chunk)..]] };
                }
            }
        }
    }

    [Property(MaxTest = 40, Arbitrary = [typeof(Schedules)])]
    public Property The_contract_follows_the_pairwise_lock_rule_over_random_schedules(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var (locked, resolved, revived) = RunAsync(schedule.Churn, schedule.Steps).GetAwaiter().GetResult();
        return true.ToProperty().Classify(locked, "locked").Classify(resolved, "resolved a fork").Classify(revived, "revived a dead head");
    }

    private async Task<(bool Locked, bool Resolved, bool Revived)> RunAsync(int forkKinds, ScheduleStep[] steps)
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var rm = s.Reader.RollupManagement;
        var model = new ForkLockModel(H, N, M);
        var published = new List<PublishedRollup>();
        var log = new List<string>();
        var (everLocked, resolved, revived) = (false, false, false);

        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        published.Add(genesis);
        model.Publish(-1, genesis.PublishedAt);
        log.Add($"genesis @{genesis.PublishedAt}");

        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            var next = await s.BlockNumberAsync() + 1;
            // A parent's block must still be among the last 256 for the proof of inclusion.
            var recent = Enumerable.Range(0, model.Count).Where(r => model.BlockOf(r) + 250 > next).ToArray();
            var leaves = model.Leaves.Where(r => model.BlockOf(r) + 250 > next).ToArray();
            var kind = step.Kind % 32;
            int? parent = kind switch
            {
                _ when kind < forkKinds && recent.Length > 0 => recent[recent.Length - 1 - (step.Index % recent.Length)],
                _ when kind == forkKinds && leaves.Length > 0 => leaves[step.Index % leaves.Length],
                <= 26 when leaves.Length > 0 => OneOfTheNewest(leaves, step.Index),
                _ => null,
            };

            if (parent is { } p)
            {
                var aggregator = step.Index % 2 == 0 ? fixture.EnclaveA : fixture.EnclaveB;
                var rollup = await s.Rollups.ChildAsync(published[p].Hash, aggregator, $"step {i}");
                published.Add(rollup);
                revived |= model.Leaves.Contains(p) && model.BlockOf(p) + H < rollup.PublishedAt;
                var (lockedSince, forkStarted) = model.Publish(p, rollup.PublishedAt);
                log.Add($"{i}: child of #{p} @{rollup.PublishedAt} -> #{published.Count - 1}");
                var events = rm.DecodeEvents(rollup.Transaction.Receipt);
                Check(log, "WithdrawalsLocked", lockedSince, events.OfType<WithdrawalsLockedEvent>().SingleOrDefault()?.ForkSince);
                Check(log, "ForkStarted", forkStarted, events.OfType<ForkStartedEvent>().SingleOrDefault()?.LiveHeads);
            }
            else if (kind == 31 && step.Index % 3 == 0 && recent.Length > 0)
            {
                var valid = recent[recent.Length - 1 - (step.Blocks % recent.Length)];
                var result = await s.As(fixture.Governance).RollupManagement.ResolveForkAsync(published[valid].Hash);
                var live = model.Resolve(valid, result.Receipt.BlockNumber);
                resolved = true;
                log.Add($"{i}: resolveFork(#{valid}) @{result.Receipt.BlockNumber}");
                Check(log, "ForkResolved live heads", live, rm.DecodeForkResolved(Assert.Single(result.Receipt.Logs)).LiveHeads);
            }
            else
            {
                var blocks = kind is >= 27 and <= 30 ? 1UL + (step.Blocks % 4UL) : 1UL;
                await s.Rpc.MineAsync(blocks);
                log.Add($"{i}: mine {blocks}");
            }

            // The views as the next transaction sees them.
            var at = await s.BlockNumberAsync() + 1;
            Check(log, $"forkState at {at}", model.ForkStateAt(at), await rm.ForkStateAsync(BlockTag.Pending));
            everLocked |= model.IsLocked(at);
            foreach (var rollup in new[] { 0, step.Blocks % model.Count })
            {
                if (model.WithdrawalStatusAt(rollup, at) is { } expected)
                {
                    Check(log, $"withdrawalStatus(#{rollup}) at {at}", expected, await rm.WithdrawalStatusAsync(published[rollup].Hash, BlockTag.Pending));
                }
            }
        }

        return (everLocked, resolved, revived);
    }

    /// <summary>Mostly the one of the two newest heads that dies first (so both stay alive), sometimes the other.</summary>
    private static int OneOfTheNewest(int[] leaves, byte index)
    {
        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var (newest, second) = (leaves[^1], leaves[^2]);
        return index % 4 == 0 ? newest : second;
    }

    private static void Check<T>(List<string> log, string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Assert.Fail($"{what}: the model expects {expected}, the contract says {actual}. Schedule so far:\n{string.Join("\n", log)}");
        }
    }
}

/// <summary>The management contracts on an anvil of their own, for <see cref="ForkLockPropertyTests"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ForkLockPropertyChain : ICollectionFixture<ManagementFixture>
{
    public const string Name = "fork lock properties";
}
