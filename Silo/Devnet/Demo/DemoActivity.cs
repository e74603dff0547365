namespace Obscuro.Silo.Devnet.Demo;

/// <summary>
/// What the demo workload has done, for the status view: counters, the current phase and the last few events. Written
/// by the workload's tasks and read by the view, so every access takes the lock.
/// </summary>
public sealed class DemoActivity
{
    private const int Remembered = 6;

    private readonly Lock _lock = new();
    private readonly LinkedList<DemoEvent> _recent = new();
    private readonly TimeProvider _time;

    private string _phase = "starting";
    private int _deposits;
    private int _transfers;
    private int _withdrawals;
    private int _finalized;
    private int _errors;

    public DemoActivity(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    public string Phase { get { lock (_lock) return _phase; } }

    public int Deposits { get { lock (_lock) return _deposits; } }

    public int Transfers { get { lock (_lock) return _transfers; } }

    public int Withdrawals { get { lock (_lock) return _withdrawals; } }

    public int Finalized { get { lock (_lock) return _finalized; } }

    public int Errors { get { lock (_lock) return _errors; } }

    public IReadOnlyList<DemoEvent> Recent { get { lock (_lock) return [.. _recent]; } }

    public void SetPhase(string phase)
    {
        lock (_lock) _phase = phase;
    }

    public void Deposited(string text) => Record(text, ref _deposits);

    public void Transferred(string text) => Record(text, ref _transfers);

    public void Withdrew(string text) => Record(text, ref _withdrawals);

    public void FinalizedOnL1(string text) => Record(text, ref _finalized);

    public void Note(string text)
    {
        lock (_lock) Add(text, isError: false);
    }

    public void Failed(string text) => Record(text, ref _errors, isError: true);

    /// <summary>One line for logs and redirected output.</summary>
    public string Summary()
    {
        lock (_lock)
        {
            return $"demo {_phase}: {_deposits} deposits, {_transfers} transfers, {_withdrawals} withdrawals, {_finalized} finalized, {_errors} errors";
        }
    }

    private void Record(string text, ref int counter, bool isError = false)
    {
        lock (_lock)
        {
            counter++;
            Add(text, isError);
        }
    }

    private void Add(string text, bool isError)
    {
        _recent.AddFirst(new DemoEvent(_time.GetUtcNow(), text, isError));
        while (_recent.Count > Remembered) _recent.RemoveLast();
    }
}
