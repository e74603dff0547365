using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Obscuro.EndToEnd.Tests.Pobi;

/// <summary>
/// A real redis-server (the Debian package scripts/install-deps.sh installs) on a free loopback port, with its data in
/// a temporary directory. Under the same stdin watchdog as the anvil launcher, so it cannot outlive the test process.
/// <see cref="RestartAsync"/> stops it and starts it again on the same port and directory: with append-only
/// persistence on, what was written survives.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private const string Watchdog =
        "exec 3<&0; \"$0\" \"$@\" 3<&- & child=$!; { read -r line <&3; kill \"$child\" 2>/dev/null; } & wait \"$child\"";

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(20);
    private readonly string _directory;
    private Process _process;

    private RedisProcess(int port, string directory, Process process)
    {
        Port = port;
        _directory = directory;
        _process = process;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<RedisProcess> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("obscuro-redis-").FullName;
        var port = FreePort();
        var redis = new RedisProcess(port, directory, Launch(port, directory));
        await redis.WaitUntilAnsweringAsync();
        return redis;
    }

    /// <summary>Every key and value in the database, for tests that look at what reached storage.</summary>
    public async Task<IReadOnlyList<(string Key, byte[] Value)>> DumpAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true");
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var database = connection.GetDatabase();
        var entries = new List<(string, byte[])>();
        await foreach (var key in server.KeysAsync())
        {
            var type = await database.KeyTypeAsync(key);
            if (type == RedisType.String)
            {
                entries.Add((key.ToString(), (byte[])(await database.StringGetAsync(key))!));
            }
            else if (type == RedisType.Hash)
            {
                foreach (var field in await database.HashGetAllAsync(key))
                {
                    entries.Add(($"{key}#{field.Name}", (byte[])field.Value!));
                }
            }
        }

        return entries;
    }

    /// <summary>Stops Redis (it writes its append-only file first) and starts it again with the same data.</summary>
    public async Task RestartAsync()
    {
        Kill();
        _process.Dispose();
        _process = Launch(Port, _directory);
        await WaitUntilAnsweringAsync();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    private void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    private static Process Launch(int port, string directory)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "-c", Watchdog, "redis-server", "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", string.Empty, "--appendonly", "yes", "--appendfsync", "always", "--dir", directory,
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}; is the redis-server package installed (./scripts/install-deps.sh)?");
            }

            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",connectTimeout=500,abortConnect=true");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (clock.Elapsed < StartDeadline)
            {
                await Task.Delay(50);
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
