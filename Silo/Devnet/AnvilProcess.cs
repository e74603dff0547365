using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Obscuro.Contracts.Rpc;

namespace Obscuro.Silo.Devnet;

/// <summary>
/// A local anvil (the devnet's L1, and the tests' L1) as a child process: the pinned one in <c>.tools</c>
/// (<see cref="DevnetTools.Anvil"/>), started with its own port, block time and hardfork, ready once it answers
/// JSON-RPC, and killed with its process tree on disposal.
/// </summary>
/// <remarks>
/// The one anvil launcher of the repository: the devnet, the benchmarks and every test project use it. It depends on
/// nothing but this file, <see cref="DevnetTools"/> and the Contracts RPC client, so a project that does not reference
/// the Silo (Contracts.Tests) compiles both files in as links.
/// </remarks>
public sealed class AnvilProcess : IAsyncDisposable
{
    // $0 is anvil; "$@" its arguments. fd 3 keeps our stdin pipe for the watchdog, because a background job's own
    // stdin is /dev/null. The shell exits when anvil does, so an anvil that fails to start is noticed at once.
    private const string Watchdog =
        "exec 3<&0; \"$0\" \"$@\" 3<&- & child=$!; { read -r line <&3; kill \"$child\" 2>/dev/null; } & wait \"$child\"";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly Queue<string> _output;

    private AnvilProcess(Process process, int port, Queue<string> output)
    {
        _process = process;
        _output = output;
        Port = port;
        Endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public int Port { get; }

    public Uri Endpoint { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts anvil and returns once it answers JSON-RPC.</summary>
    /// <param name="port">0 picks a free port (and tries another if that one is taken before anvil binds it).</param>
    /// <param name="blockTime">Seconds between blocks; null mines one block per transaction.</param>
    /// <param name="hardfork">The EVM rules; null means anvil's own default (its latest hardfork).</param>
    /// <param name="watchdog">
    /// True runs anvil under a small shell watchdog that kills it when our end of its stdin pipe closes, which the
    /// kernel does when this process exits for any reason, crashes and SIGKILL included: it cannot outlive us. False
    /// starts anvil alone, as the devnet does (it stops anvil itself, and anvil is then the only process on its port).
    /// </param>
    public static async Task<AnvilProcess> StartAsync(
        int port = 0, int? blockTime = null, string? hardfork = "prague", bool watchdog = true, CancellationToken cancellationToken = default)
    {
        var anvilPath = DevnetTools.Anvil();

        // A port found free can be taken before anvil binds it; then anvil exits and, if we chose it, another is tried.
        var attempts = port == 0 ? 3 : 1;
        Exception? lastFailure = null;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var anvil = Launch(anvilPath, port == 0 ? FreePort() : port, blockTime, hardfork, watchdog);
            try
            {
                await anvil.WaitUntilAnsweringAsync(cancellationToken).ConfigureAwait(false);
                return anvil;
            }
            catch (InvalidOperationException e) when (attempts > 1)
            {
                lastFailure = e;
                await anvil.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await anvil.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        throw new InvalidOperationException("anvil did not start.", lastFailure);
    }

    /// <summary>An RPC client for this anvil; <paramref name="configure"/> may tighten the retry policy.</summary>
    public EthRpcClient CreateClient(HttpClient http, Action<EthRpcOptions>? configure = null)
    {
        var options = new EthRpcOptions
        {
            Endpoint = Endpoint,
            RequestTimeout = TimeSpan.FromSeconds(30),
            MaxAttempts = 3,
            InitialBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(500),
        };
        configure?.Invoke(options);
        return new EthRpcClient(http, options);
    }

    /// <summary>
    /// Kills anvil (and its watchdog) at once, like a crash, from any thread, and waits until it is gone (a forced
    /// stop); disposal still cleans up.
    /// </summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"anvil on port {Port}";

    private static AnvilProcess Launch(string anvilPath, int port, int? blockTime, string? hardfork, bool watchdog)
    {
        var start = new ProcessStartInfo(watchdog ? "/bin/sh" : anvilPath)
        {
            RedirectStandardInput = watchdog,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (watchdog)
        {
            foreach (var argument in new[] { "-c", Watchdog, anvilPath }) start.ArgumentList.Add(argument);
        }

        foreach (var argument in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--silent" }) start.ArgumentList.Add(argument);
        if (hardfork is not null)
        {
            start.ArgumentList.Add("--hardfork");
            start.ArgumentList.Add(hardfork);
        }

        if (blockTime is { } seconds)
        {
            start.ArgumentList.Add("--block-time");
            start.ArgumentList.Add(seconds.ToString(CultureInfo.InvariantCulture));
        }

        // The last lines anvil printed, for the error when it does not come up; reading them also keeps its pipes from
        // filling over a long run.
        var output = new Queue<string>();
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null) return;
            lock (output)
            {
                output.Enqueue(e.Data);
                if (output.Count > 50) output.Dequeue();
            }
        };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AnvilProcess(process, port, output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var client = CreateClient(http, o =>
        {
            o.MaxAttempts = 1;
            o.RequestTimeout = TimeSpan.FromSeconds(2);
        });
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // until its output is read to the end
                throw new InvalidOperationException($"anvil exited at start (code {_process.ExitCode}): {Output()}");
            }

            try
            {
                await client.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (L1UnavailableException) when (clock.Elapsed < StartDeadline)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (L1UnavailableException e)
            {
                throw new InvalidOperationException($"anvil did not answer within {StartDeadline}: {Output()}", e);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output);
        }
    }
}
