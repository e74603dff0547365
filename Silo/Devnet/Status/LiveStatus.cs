using System.Globalization;
using Obscuro.Silo.Devnet.Demo;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Obscuro.Silo.Devnet.Status;

/// <summary>The status as a table redrawn in place every second, for a terminal.</summary>
public static class LiveStatus
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(IAnsiConsole console, string heading, DevnetMonitor monitor, DemoActivity? demo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(monitor);
        try
        {
            var snapshot = await monitor.SampleAsync(cancellationToken).ConfigureAwait(false);
            await console.Live(Render(heading, snapshot, demo)).AutoClear(false).StartAsync(async live =>
            {
                while (true)
                {
                    await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);
                    snapshot = await monitor.SampleAsync(cancellationToken).ConfigureAwait(false);
                    live.UpdateTarget(Render(heading, snapshot, demo));
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public static IRenderable Render(string heading, DevnetSnapshot snapshot, DemoActivity? demo)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var nodes = new Table().Border(TableBorder.Rounded).Title($"[bold]Obscuro devnet[/] [grey]{snapshot.Time.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}[/]");
        nodes.AddColumns("node", "role", "L1 height", "rollup head", "pending", "tx/s", "published", "wins", "rewarded (full+min)", "agreement");
        foreach (var number in new[] { 2, 4, 5, 6, 7, 8 }) nodes.Columns[number].RightAligned();
        foreach (var node in snapshot.Nodes)
        {
            var role = node.Spec.IsAggregator ? (node.Spec.IsGenesisNode ? "aggregator (genesis)" : "aggregator") : "verifier";
            if (node.Status is not { } status)
            {
                nodes.AddRow(new Markup(Markup.Escape(node.Spec.NodeId)), new Text(role), new Markup($"[red]{Markup.Escape(node.Error ?? "no answer")}[/]"), Text.Empty, Text.Empty, Text.Empty, Text.Empty, Text.Empty, Text.Empty, Text.Empty);
                continue;
            }

            var agreement = snapshot.AgreementText(node);
            var agreementMarkup = agreement is null ? "[grey]—[/]"
                : agreement.StartsWith("agrees", StringComparison.Ordinal) ? $"[green]{Markup.Escape(agreement)}[/]"
                : agreement.StartsWith("DIFFERS", StringComparison.Ordinal) ? $"[red]{Markup.Escape(agreement)}[/]"
                : $"[yellow]{Markup.Escape(agreement)}[/]";
            nodes.AddRow(
                new Markup($"[bold]{Markup.Escape(node.Spec.NodeId)}[/]"),
                new Text(role),
                new Text(status.L1Head.ToString(CultureInfo.InvariantCulture)),
                new Text(string.Create(CultureInfo.InvariantCulture, $"{status.HeadGeneration}  {ShortForm.Hash(status.HeadRollup)}")),
                new Text(status.PendingTransactions.ToString(CultureInfo.InvariantCulture)),
                new Text(node.TransactionsPerSecond.ToString("0.0", CultureInfo.InvariantCulture)),
                new Text(status.RollupsPublished.ToString(CultureInfo.InvariantCulture)),
                new Text(node.Spec.IsAggregator ? status.RoundsWon.ToString(CultureInfo.InvariantCulture) : "—"),
                new Text(node.Spec.IsAggregator ? $"{node.Rewards.Full}+{node.Rewards.Minimal}" : "—"),
                new Markup(agreementMarkup));
        }

        var rows = new List<IRenderable> { new Markup(heading), nodes };
        if (demo is not null)
        {
            rows.Add(new Markup($"[bold]{Markup.Escape(demo.Summary())}[/]"));
            var events = new Table().Border(TableBorder.Rounded).HideHeaders();
            events.AddColumns("time", "what");
            foreach (var item in demo.Recent)
            {
                var text = Markup.Escape(item.Text);
                events.AddRow(new Text(item.Time.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)), new Markup(item.IsError ? $"[red]{text}[/]" : text));
            }

            if (demo.Recent.Count == 0) events.AddRow(Text.Empty, new Markup("[grey]nothing yet[/]"));
            rows.Add(events);
        }

        rows.Add(new Markup("[grey]Ctrl-C stops the devnet.[/]"));
        return new Rows(rows);
    }
}
