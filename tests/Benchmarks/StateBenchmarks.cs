using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.State;

namespace Obscuro.Benchmarks;

/// <summary>Memory of the persistent state and of one fork snapshot; update and lookup rates.</summary>
internal static class StateBenchmarks
{
    private const int Accounts = 1_000_000;

    public static void Run(Report report)
    {
        var keys = new Hash256[Accounts];
        for (var i = 0; i < Accounts; i++) keys[i] = Keccak256.Hash(BitConverter.GetBytes(i));

        var before = SettledHeapBytes();
        var state = PersistentMap<AccountState>.Empty.SetItems(keys.Select(k => KeyValuePair.Create(k, new AccountState(new UInt256(1_000_000_000_000_000_000UL), 0))));
        var after = SettledHeapBytes();
        report.Add(new("state", $"memory of {Accounts:N0} funded accounts", (after - before) / 1048576.0, "MiB", "goal ≤ 400 MB"));

        // A rollup touching 1,000 accounts: the new version shares everything else with the old one.
        var touched = keys.Take(1000).Select((k, i) => KeyValuePair.Create(k, new AccountState(new UInt256((ulong)i), 1))).ToArray();
        var beforeFork = SettledHeapBytes();
        var fork = state.SetItems(touched);
        var afterFork = SettledHeapBytes();
        report.Add(new("state", "extra memory of a snapshot after 1,000 touched accounts", (afterFork - beforeFork) / 1024.0, "KiB", "proportional to touched accounts"));

        var touched10K = keys.Skip(1000).Take(10_000).Select((k, i) => KeyValuePair.Create(k, new AccountState(new UInt256((ulong)i), 1))).ToArray();
        var beforeBigFork = SettledHeapBytes();
        var bigFork = state.SetItems(touched10K);
        var afterBigFork = SettledHeapBytes();
        report.Add(new("state", "extra memory of a snapshot after 10,000 touched accounts", (afterBigFork - beforeBigFork) / 1024.0, "KiB", "grows with touched accounts (sublinear: shared nodes), not with state size"));

        var random = new Random(7);
        report.Add(new("state", "lookups in the 1M-account state, 1 core", Meter.Rate(() =>
        {
            for (var i = 0; i < 1000; i++) state.TryGetValue(keys[random.Next(Accounts)], out _);
        }, 1000), "ops/s"));
        report.Add(new("state", "commit of 1,000 updated accounts (incl. Merkle hashing)", Meter.Rate(() => state.SetItems(touched)), "commits/s"));
        GC.KeepAlive(fork);
        GC.KeepAlive(bigFork);
    }

    private static long SettledHeapBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
