using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Obscuro.Contracts.Rpc;

namespace Obscuro.Client.Tests.Support;

/// <summary>
/// A real anvil (the pinned one in .tools) on a free loopback port (copied from Contracts.Tests: test projects do not reference each other). It cannot outlive the test process: anvil runs
/// under a small shell watchdog that kills it when our end of its stdin pipe closes, which the kernel does when this
/// process exits for any reason, crashes and SIGKILL included. Disposal kills the whole process tree directly.
/// </summary>
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
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri Endpoint { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts anvil and returns once it answers JSON-RPC; <paramref name="hardfork"/> null means anvil's default.</summary>
    public static async Task<AnvilProcess> StartAsync(string? hardfork = null)
    {
        if (!File.Exists(RepositoryPaths.Anvil))
        {
            throw new InvalidOperationException($"anvil is not installed at {RepositoryPaths.Anvil}; run ./scripts/install-deps.sh.");
        }

        // A port found free can be taken before anvil binds it; then anvil exits and another port is tried.
        Exception? lastFailure = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var anvil = Launch(FreePort(), hardfork);
            try
            {
                await anvil.WaitUntilAnsweringAsync();
                return anvil;
            }
            catch (InvalidOperationException e)
            {
                lastFailure = e;
                await anvil.DisposeAsync();
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

    /// <summary>Kills anvil (and its watchdog) at once, like a crash, and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"anvil on port {Port}";

    private static AnvilProcess Launch(int port, string? hardfork)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", Watchdog, RepositoryPaths.Anvil, "--port", port.ToString(CultureInfo.InvariantCulture), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        if (hardfork is not null)
        {
            start.ArgumentList.Add("--hardfork");
            start.ArgumentList.Add(hardfork);
        }

        var output = new Queue<string>();
        var process = new Process { StartInfo = start };
        DataReceivedEventHandler collect = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Enqueue(e.Data);
                if (output.Count > 50)
                {
                    output.Dequeue();
                }
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

    private async Task WaitUntilAnsweringAsync()
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
                throw new InvalidOperationException($"anvil exited with code {_process.ExitCode}: {Output()}");
            }

            try
            {
                await client.GetChainIdAsync();
                return;
            }
            catch (L1UnavailableException) when (clock.Elapsed < StartDeadline)
            {
                await Task.Delay(50);
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
