using System.Diagnostics;
using System.Runtime.InteropServices;
using Obscuro.Silo.Devnet.Status;
using Spectre.Console;

namespace Obscuro.Silo.Devnet;

/// <summary>
/// <c>Obscuro.Silo devnet [options]</c>: the README's main command (<see cref="DevnetOptions.Usage"/>). Starts the
/// devnet (<see cref="DevnetRun"/>), shows its live status until Ctrl-C or SIGTERM, then stops everything and exits 0.
/// A second Ctrl-C kills anvil and exits at once. A devnet that cannot start says why in one line and exits non-zero.
/// </summary>
public static class DevnetCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!interactive) AnsiConsole.Profile.Width = 4096;

        DevnetOptions options;
        try
        {
            options = DevnetOptions.Parse(args);
        }
        catch (DevnetStartupException e)
        {
            await Console.Error.WriteLineAsync($"devnet: {e.Message}");
            return e.ExitCode;
        }

        if (options.Help)
        {
            Console.WriteLine(DevnetOptions.Usage);
            return 0;
        }

        using var stop = new CancellationTokenSource();
        DevnetRun? run = null;
        var signals = 0;
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Increment(ref signals) == 1)
            {
                Console.Error.WriteLine("Stopping the devnet … (Ctrl-C again to force)");
                stop.Cancel();
                return;
            }

            // Forced: no orderly stop of the silos, but never leave anvil running behind the user's back. A kill, not
            // Environment.Exit, which would wait for the exit handlers of hosts that are still stopping.
            Console.Error.WriteLine("Forced stop.");
            run?.KillNodes();
            run?.Anvil?.Kill();
            Process.GetCurrentProcess().Kill();
        }

        // Ctrl-C in a terminal and a plain `kill` both stop the devnet cleanly (demo, silos and anvil included).
        InterruptSignal.TakeBackIfIgnored();
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        try
        {
            run = await DevnetRun.StartAsync(options, line => AnsiConsole.WriteLine(line), stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.WriteLine("Stopped before the devnet was up.");
            return 0;
        }
        catch (DevnetStartupException e)
        {
            await Console.Error.WriteLineAsync($"devnet: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not a known operator mistake (those are DevnetStartupException), but still one line, not a stack trace.
            await Console.Error.WriteLineAsync($"devnet: could not start: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }

        await using (run)
        {
            var monitor = run.CreateMonitor();
            if (interactive)
            {
                var heading = $"L1: anvil at {run.L1Endpoint} ({options.BlockTime}-second blocks) · wallets: [bold]obscuro[/] finds the nodes in {Markup.Escape(run.NodesFilePath)} · logs: {Markup.Escape(Path.Combine(run.DataRoot, "nodes", "<node>", "silo.log"))}";
                await LiveStatus.RunAsync(AnsiConsole.Console, heading, monitor, run.Demo, stop.Token);
            }
            else
            {
                Console.WriteLine("The devnet is up; a status line follows every few seconds. Ctrl-C or SIGTERM stops it.");
                await PlainStatus.RunAsync(Console.Out, monitor, run.Demo, stop.Token);
            }

            Console.WriteLine("Stopping the demo, the nodes and anvil …");
        }

        Console.WriteLine("The devnet has stopped.");
        return 0;
    }
}
