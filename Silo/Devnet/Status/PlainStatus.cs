using System.Globalization;
using Obscuro.Silo.Devnet.Demo;

namespace Obscuro.Silo.Devnet.Status;

/// <summary>
/// The status as one line every few seconds, for redirected output (a log file, a test harness): no cursor movement,
/// and each line whole, so a reader can follow it line by line.
/// </summary>
public static class PlainStatus
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(TextWriter output, DevnetMonitor monitor, DemoActivity? demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(monitor);
        try
        {
            while (true)
            {
                var snapshot = await monitor.SampleAsync(cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(Line(snapshot, demo)).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary><c>12:00:03 aggregator-1: L1 57, rollup 12 0x12ab…cdef, 2 pending, 0.8 tx/s, 12 published, 12 won, rewarded 11 full | aggregator-2: …, agrees | verifier-1: …, agrees | demo …</c></summary>
    public static string Line(DevnetSnapshot snapshot, DemoActivity? demo)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var parts = new List<string>();
        foreach (var node in snapshot.Nodes)
        {
            if (node.Status is not { } status)
            {
                parts.Add($"{node.Spec.NodeId}: {node.Error ?? "no answer"}");
                continue;
            }

            var text = string.Create(CultureInfo.InvariantCulture,
                $"{node.Spec.NodeId}: L1 {status.L1Head}, rollup {status.HeadGeneration} {ShortForm.Hash(status.HeadRollup)}, {status.PendingTransactions} pending, {node.TransactionsPerSecond:0.0} tx/s, {status.RollupsPublished} published");
            if (node.Spec.IsAggregator) text += string.Create(CultureInfo.InvariantCulture, $", {status.RoundsWon} won, rewarded {node.Rewards}");
            parts.Add(snapshot.AgreementText(node) is { } agreement ? $"{text}, {agreement}" : text);
        }

        if (demo is not null)
        {
            var recent = demo.Recent;
            var last = recent.Count > 0 ? recent[0] : null;
            parts.Add(last is null ? demo.Summary() : $"{demo.Summary()}; last: {(last.IsError ? "error: " : string.Empty)}{last.Text}");
        }

        return $"{snapshot.Time.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {string.Join(" | ", parts)}";
    }
}
