using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Obscuro.Contracts.Rpc;

namespace Obscuro.Benchmarks;

/// <summary>
/// Starts the pinned anvil (.tools, installed by scripts/install-deps.sh) on a free loopback port for the gas and node
/// suites: mining on demand, or every <c>blockTime</c> seconds.
/// anvil runs under a shell watchdog that kills it when this process's end of its stdin closes, so it cannot outlive
/// the harness even if the harness is killed.
/// </summary>
internal sealed class AnvilLauncher : IDisposable
{
    private const string Watchdog =
        "exec 3<&0; \"$0\" \"$@\" 3<&- & child=$!; { read -r line <&3; kill \"$child\" 2>/dev/null; } & wait \"$child\"";

    private readonly Process _process;

    private AnvilLauncher(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<AnvilLauncher> StartAsync(HttpClient http, string hardfork, int? blockTime = null)
    {
        var anvil = Path.Combine(FindRoot(), ".tools", "node_modules", ".bin", "anvil");
        if (!File.Exists(anvil))
        {
            throw new InvalidOperationException($"anvil is not installed at {anvil}; run ./scripts/install-deps.sh.");
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", Watchdog, anvil, "--port", port.ToString(CultureInfo.InvariantCulture), "--hardfork", hardfork, "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        if (blockTime is { } seconds)
        {
            start.ArgumentList.Add("--block-time");
            start.ArgumentList.Add(seconds.ToString(CultureInfo.InvariantCulture));
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start anvil.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var launcher = new AnvilLauncher(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await launcher.WaitUntilAnsweringAsync(http);
            return launcher;
        }
        catch
        {
            launcher.Dispose();
            throw;
        }
    }

    public EthRpcClient CreateClient(HttpClient http) =>
        new(http, new EthRpcOptions { Endpoint = Endpoint, RequestTimeout = TimeSpan.FromSeconds(30), MaxAttempts = 3 });

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync(HttpClient http)
    {
        var client = new EthRpcClient(http, new EthRpcOptions { Endpoint = Endpoint, RequestTimeout = TimeSpan.FromSeconds(2), MaxAttempts = 1 });
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"anvil exited with code {_process.ExitCode} before answering.");
            }

            try
            {
                await client.GetChainIdAsync();
                return;
            }
            catch (L1UnavailableException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }
        }
    }

    internal static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Obscuro.Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Obscuro.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
