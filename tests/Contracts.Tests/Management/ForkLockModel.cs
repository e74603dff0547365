using Obscuro.Contracts.Bindings;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// A plain model of the withdrawal-finality rule of FORMATS.md ("Withdrawal finality"), written from the rule and not
/// from the contract: it keeps the whole history of publications and derives every head's live stretches from it
/// whenever asked, where the contract keeps one <c>liveSince</c> per branch, latches, prunes and restarts clocks.
/// Rollups are numbered in publication order (0 is the genesis); each call happens in its own, later block.
/// </summary>
/// <remarks>
/// A head and its successive first children are one "line" (the contract's branch): a rollup's first child continues
/// its parent's line, a later child starts a new one. A line is live in block T while its last rollup was published at
/// or after T − H. Its live stretches: a new one begins when the line begins and whenever its last rollup was already
/// dead when the next one came; each ends H + 1 blocks after its last rollup. After a fork resolution in block R only
/// lines whose last rollup descends from the named rollup count, and only what lies from R on counts. Two counting
/// lines coexist over the blocks where a stretch of each overlap; the lock is latched at the first publication at
/// which some coexistence has lasted more than M blocks (and reported by the views as soon as it has).
/// </remarks>
internal sealed class ForkLockModel(ulong headTimeout, ulong withdrawalDelay, ulong lockPeriod)
{
    private readonly List<(int Parent, ulong Block)> _rollups = [];
    private readonly List<List<int>> _lines = [];
    private readonly List<int> _lineOf = [];
    private readonly HashSet<int> _withChild = [];
    private int _resolvedHead = -1;
    private ulong _resolvedAt;
    private ulong? _latched;

    public int Count => _rollups.Count;

    public ulong BlockOf(int rollup) => _rollups[rollup].Block;

    /// <summary>Rollups without children, in publication order.</summary>
    public IReadOnlyList<int> Leaves => Enumerable.Range(0, _rollups.Count).Where(r => !_withChild.Contains(r)).ToArray();

    /// <summary>
    /// A rollup published in <paramref name="block"/> (parent −1 for the genesis). Returns the events the publication
    /// must emit: the <c>forkSince</c> of <c>WithdrawalsLocked</c> and the live heads of <c>ForkStarted</c>, or null.
    /// </summary>
    public (ulong? LockedSince, ulong? ForkStartedLiveHeads) Publish(int parent, ulong block)
    {
        ulong? lockedSince = null;
        if (_latched is null && EarliestViolation(block) is { } violation)
        {
            _latched = violation;
            lockedSince = violation;
        }

        var id = _rollups.Count;
        _rollups.Add((parent, block));
        bool started;
        if (parent >= 0 && !_withChild.Contains(parent))
        {
            var line = _lineOf[parent];
            started = block > _rollups[parent].Block + headTimeout; // the head was dead: it lives again
            _lines[line].Add(id);
            _lineOf.Add(line);
        }
        else
        {
            started = true;
            _lines.Add([id]);
            _lineOf.Add(_lines.Count - 1);
        }

        if (parent >= 0)
        {
            _withChild.Add(parent);
        }

        var live = (ulong)LiveLines(block).Count();
        var counts = Counts(_lines[_lineOf[id]]);
        return (lockedSince, started && counts && live >= 2 ? live : null);
    }

    /// <summary>Governance names <paramref name="validHead"/> in <paramref name="block"/>; returns the live counting heads after it.</summary>
    public ulong Resolve(int validHead, ulong block)
    {
        _resolvedHead = validHead;
        _resolvedAt = block;
        _latched = null;
        return (ulong)LiveLines(block).Count();
    }

    public bool IsLocked(ulong at) => _latched is not null || EarliestViolation(at) is not null;

    /// <summary>What <c>forkState()</c> answers in block <paramref name="at"/>.</summary>
    public ForkState ForkStateAt(ulong at)
    {
        var live = (ulong)LiveLines(at).Count();
        if ((_latched ?? EarliestViolation(at)) is { } lockedSince)
        {
            return new ForkState(live, lockedSince, true);
        }

        return new ForkState(live, ForkSince(at), false);
    }

    /// <summary>What <c>withdrawalStatus(rollup)</c> answers in block <paramref name="at"/>; null during a stall (no live counting head), which this model leaves out.</summary>
    public WithdrawalStatus? WithdrawalStatusAt(int rollup, ulong at)
    {
        if ((_latched ?? EarliestViolation(at)) is { } lockedSince)
        {
            return new WithdrawalStatus(WithdrawalState.Locked, 0, lockedSince);
        }

        var live = LiveLines(at).ToArray();
        if (live.Length == 0)
        {
            return null;
        }

        if (!live.All(line => Descends(line[^1], rollup)))
        {
            return new WithdrawalStatus(WithdrawalState.NotCanonical, 0, 0);
        }

        var forkAge = live.Length >= 2 ? at - ForkSince(at) : 0;
        var payableAt = _rollups[rollup].Block + withdrawalDelay + forkAge;
        return new WithdrawalStatus(at >= payableAt ? WithdrawalState.Payable : WithdrawalState.Waiting, payableAt, 0);
    }

    /// <summary>The live stretches of a line as [start, end) block ranges, before clipping to the last resolution or to now.</summary>
    private List<(ulong Start, ulong End)> Stretches(List<int> line)
    {
        var stretches = new List<(ulong, ulong)>();
        var start = _rollups[line[0]].Block;
        var last = start;
        foreach (var rollup in line.Skip(1))
        {
            var block = _rollups[rollup].Block;
            if (block > last + headTimeout)
            {
                stretches.Add((start, last + headTimeout + 1));
                start = block;
            }

            last = block;
        }

        stretches.Add((start, last + headTimeout + 1));
        return stretches;
    }

    private bool Counts(List<int> line) => _resolvedHead < 0 || Descends(line[^1], _resolvedHead);

    private bool Descends(int descendant, int ancestor)
    {
        for (var r = descendant; r >= 0; r = _rollups[r].Parent)
        {
            if (r == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Counting lines whose last rollup is live in block <paramref name="at"/>.</summary>
    private IEnumerable<List<int>> LiveLines(ulong at) =>
        _lines.Where(line => Counts(line) && _rollups[line[^1]].Block + headTimeout >= at);

    /// <summary>Second-smallest start of the current stretch (from the last resolution on) among the live counting lines; 0 if fewer than two.</summary>
    private ulong ForkSince(ulong at)
    {
        var starts = LiveLines(at).Select(line => Math.Max(Stretches(line)[^1].Start, _resolvedAt)).Order().ToArray();
        return starts.Length >= 2 ? starts[1] : 0;
    }

    /// <summary>The earliest start of a coexistence of two counting lines, up to block <paramref name="at"/>, that lasted more than M blocks.</summary>
    private ulong? EarliestViolation(ulong at)
    {
        var lines = _lines.Where(Counts)
            .Select(line => Stretches(line)
                .Select(x => (Start: Math.Max(x.Start, _resolvedAt), End: Math.Min(x.End, at)))
                .Where(x => x.End > x.Start)
                .ToArray())
            .ToArray();
        ulong? earliest = null;
        for (var i = 0; i < lines.Length; i++)
        {
            for (var j = i + 1; j < lines.Length; j++)
            {
                foreach (var a in lines[i])
                {
                    foreach (var b in lines[j])
                    {
                        var start = Math.Max(a.Start, b.Start);
                        var end = Math.Min(a.End, b.End);
                        if (end > start + lockPeriod && (earliest is null || start < earliest))
                        {
                            earliest = start;
                        }
                    }
                }
            }
        }

        return earliest;
    }
}
