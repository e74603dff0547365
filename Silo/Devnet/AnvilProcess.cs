using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Obscuro.Contracts.Rpc;

namespace Obscuro.Silo.Devnet;

/// <summary>
/// A local anvil (the devnet's L1) as a child process: started with its own port, block time and hardfork, ready once it
/// answers JSON-RPC, and killed with its process tree on disposal.
/// </summary>
public sealed class AnvilProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AnvilProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public int Port { get; }

    public Uri Endpoint { get; }

    /// <param name="port">0 picks a free port.</param>
    /// <param name="blockTime">Seconds between blocks; null mines one block per transaction.</param>
    public static async Task<AnvilProcess> StartAsync(int port = 0, int? blockTime = null, string hardfork = "prague", CancellationToken cancellationToken = default)
    {
        var chosen = port == 0 ? FreePort() : port;
        var info = new ProcessStartInfo(DevnetTools.Anvil())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", chosen.ToString(CultureInfo.InvariantCulture), "--hardfork", hardfork, "--silent" }) info.ArgumentList.Add(arg);
        if (blockTime is { } seconds)
        {
            info.ArgumentList.Add("--block-time");
            info.ArgumentList.Add(seconds.ToString(CultureInfo.InvariantCulture));
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("anvil could not be started.");
        var anvil = new AnvilProcess(process, chosen);
        try
        {
            await anvil.WaitUntilAnsweringAsync(cancellationToken).ConfigureAwait(false);
            return anvil;
        }
        catch
        {
            await anvil.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills anvil now, from any thread, without waiting (a forced stop); disposal still cleans up.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var rpc = new EthRpcClient(http, new EthRpcOptions { Endpoint = Endpoint, MaxAttempts = 1, RequestTimeout = TimeSpan.FromSeconds(2) });
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"anvil exited at start (code {_process.ExitCode}): {await _process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false)}");
            try
            {
                await rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (L1UnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
