using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Obscuro.Client.Node;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Devnet;

/// <summary>
/// A devnet node: a silo configured exactly as an operator would configure one (the same keys, the same
/// <see cref="ObscuroSiloBuilderExtensions.UseObscuroSilo"/> wiring), either in this process (<see cref="StartAsync(DevnetNodeSpec, CancellationToken)"/>,
/// the tests' way) or as a child <c>Obscuro.Silo.dll</c> process given the keys as environment variables
/// (<see cref="StartProcessAsync"/>, the devnet's way), plus a client on its gateway for status.
/// </summary>
public sealed class DevnetNode : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProcessStopTimeout = TimeSpan.FromSeconds(15);

    private readonly IHost? _silo;
    private readonly Process? _process;
    private readonly StreamWriter? _processLog;
    private readonly IHost _client;

    private DevnetNode(DevnetNodeSpec spec, IHost? silo, IHost client, Process? process = null, StreamWriter? processLog = null)
    {
        Spec = spec;
        _silo = silo;
        _client = client;
        _process = process;
        _processLog = processLog;
    }

    /// <summary>The child process's id when the node runs as one; null in-process.</summary>
    public int? ProcessId => _process?.Id;

    public DevnetNodeSpec Spec { get; }

    public IClusterClient Client => _client.Services.GetRequiredService<IClusterClient>();

    public INodeApiGrain Api => Client.GetGrain<INodeApiGrain>(Spec.NodeId);

    public static Dictionary<string, string?> Configuration(DevnetNodeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var ether = new UInt256(1_000_000_000_000_000_000UL);
        return new()
        {
            ["Obscuro:NodeId"] = spec.NodeId,
            ["Obscuro:Role"] = "both",
            ["Orleans:Metadata:tee"] = "simulated",
            ["Obscuro:DataDirectory"] = spec.DataDirectory,
            ["Obscuro:Clustering:ClusterId"] = spec.ClusterId,
            ["Obscuro:Clustering:ServiceId"] = spec.ServiceId,
            ["Obscuro:Clustering:SiloPort"] = spec.SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Obscuro:Clustering:PrimarySiloPort"] = spec.SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Obscuro:Clustering:GatewayPort"] = spec.GatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Obscuro:Network:DeploymentFile"] = spec.DeploymentFile,
            ["Obscuro:Operator:PrivateKey"] = Hex.Encode(DevnetAccounts.PrivateKey(spec.OperatorAccount)),
            ["Obscuro:Node:Type"] = spec.IsAggregator ? "aggregator" : "verifier",
            ["Obscuro:Node:GenesisNode"] = spec.IsGenesisNode ? "true" : "false",
            ["Obscuro:Node:PollIntervalMilliseconds"] = "200",

            // A devnet restarts enclaves often; 0.1 s of start-up delay instead of production's 10 s keeps the demo brisk
            // while still exercising the code path. (Production never lowers it: the delay is what stops nonce fishing.)
            ["Obscuro:Enclave:StartupDelayIterations"] = "400000",
            // No attestation token configured: the enclave asks the simulated authority the deployment file names for one
            // binding its key; the measurement and authority registered default to the deployment's.
            ["Obscuro:Node:Registration:Endpoint"] = spec.IsAggregator ? $"http://127.0.0.1:{spec.EffectiveGossipPort}" : string.Empty,
            ["Obscuro:Node:Registration:Stake"] = spec.IsAggregator ? ether.ToString() : "0",
            ["Obscuro:Node:Registration:Fee"] = (ether / new UInt256(100)).ToString(),

            // Rounds: wait up to a second for the other aggregators' candidates; a silent winner is replaced after one L1 block.
            ["Obscuro:Node:Round:GossipWindow"] = "00:00:01",
            ["Obscuro:Node:Round:PublicationTimeoutBlocks"] = "1",
        };
    }

    public static Task<DevnetNode> StartAsync(DevnetNodeSpec spec, CancellationToken cancellationToken = default) =>
        StartAsync(spec, null, cancellationToken);

    /// <param name="overrides">Configuration laid over <see cref="Configuration"/> (e.g. a faster L1 poll in tests, Redis storage, a misbehaving round option).</param>
    public static async Task<DevnetNode> StartAsync(DevnetNodeSpec spec, IReadOnlyDictionary<string, string?>? overrides, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var siloBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        var configuration = Configuration(spec);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        siloBuilder.Configuration.AddInMemoryCollection(configuration);
        siloBuilder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        siloBuilder.Logging.AddProvider(new FileLoggerProvider(Path.Combine(spec.DataDirectory, "silo.log"), LogLevel.Information));
        siloBuilder.UseOrleans(silo => silo.UseObscuroClustering().UseObscuroSilo());
        var silo = siloBuilder.Build();
        try
        {
            await silo.StartAsync(cancellationToken).ConfigureAwait(false);
            return new DevnetNode(spec, silo, await ConnectAsync(spec, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            // A silo that failed to start (a port taken, say) or whose gateway no client reached must not stay behind in
            // this process, holding its ports and timers, while the caller retries or gives up.
            await StopQuietlyAsync(silo).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task StopQuietlyAsync(IHost silo)
    {
        try
        {
            using var timeout = new CancellationTokenSource(ProcessStopTimeout);
            await silo.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Already failed; the original exception is the one to report.
        }
        finally
        {
            silo.Dispose();
        }
    }

    /// <summary>
    /// Starts the node as a child process (<c>dotnet Obscuro.Silo.dll</c>, its configuration as environment variables,
    /// its output in <c>silo.log</c>) and returns once a client is connected to its gateway.
    /// </summary>
    public static async Task<DevnetNode> StartProcessAsync(DevnetNodeSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Directory.CreateDirectory(spec.DataDirectory);
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo
        {
            FileName = host,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = spec.DataDirectory,
        };
        if (string.Equals(Path.GetFileNameWithoutExtension(host), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(DevnetNode).Assembly.Location);
        }

        foreach (var (key, value) in Configuration(spec)) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? string.Empty;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var log = new StreamWriter(Path.Combine(spec.DataDirectory, "silo.log"), append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow + ConnectTimeout;
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"the silo process exited with code {process.ExitCode}");
                try
                {
                    return new DevnetNode(spec, null, await ConnectAsync(spec, cancellationToken).ConfigureAwait(false), process, log);
                }
                catch (Exception e) when (e is not OperationCanceledException && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(500, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await StopProcessAsync(process).ConfigureAwait(false);
            process.Dispose();
            await log.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills a child node at once (a forced stop); a no-op in-process.</summary>
    public void Kill()
    {
        try
        {
            if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>SIGTERM (the silo's host stops in order), then a kill if it has not exited in time.</summary>
    private static async Task StopProcessAsync(Process process)
    {
        if (process.HasExited) return;
        try
        {
            using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            if (term is not null) await term.WaitForExitAsync().ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(ProcessStopTimeout);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    private static async Task<IHost> ConnectAsync(DevnetNodeSpec spec, CancellationToken cancellationToken)
    {
        var clientBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        clientBuilder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        clientBuilder.Logging.AddProvider(new FileLoggerProvider(Path.Combine(spec.DataDirectory, "client.log"), LogLevel.Warning));
        clientBuilder.UseOrleansClient(client => client
            .UseLocalhostClustering(spec.GatewayPort, spec.ServiceId, spec.ClusterId)
            .Configure<Orleans.Configuration.TypeManagementOptions>(types => types.TypeMapRefreshInterval = TimeSpan.FromSeconds(1)));
        var client = clientBuilder.Build();
        try
        {
            await client.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _client.Dispose();
            if (_silo is not null)
            {
                await _silo.StopAsync().ConfigureAwait(false);
                _silo.Dispose();
            }

            if (_process is not null)
            {
                await StopProcessAsync(_process).ConfigureAwait(false);
                _process.Dispose();
            }

            if (_processLog is not null) await _processLog.DisposeAsync().ConfigureAwait(false);
        }
    }
}
