using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Obscuro.Silo.Devnet;

namespace Obscuro.EndToEnd.Tests.Support;

/// <summary>
/// The devnet command as an operator runs it: <c>dotnet Obscuro.Silo.dll devnet</c> in its own process, on ports and
/// in a data folder of its own (so it collides with no running devnet), its output captured line by line.
/// </summary>
public sealed class DevnetProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Lock _lock = new();

    private DevnetProcess(Process process, int l1Port, int basePort, string dataRoot)
    {
        _process = process;
        L1Port = l1Port;
        BasePort = basePort;
        DataRoot = dataRoot;
    }

    public int L1Port { get; }

    public int BasePort { get; }

    public string DataRoot { get; }

    public string NodesFile => Path.Combine(DataRoot, "nodes.json");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output { get { lock (_lock) return _output.ToString(); } }

    public string Error { get { lock (_lock) return _error.ToString(); } }

    public static DevnetProcess Start(string dataRoot, params string[] extra) => Start(FreePort(), FreePortRange(40), dataRoot, null, extra);

    public static DevnetProcess Start(int l1Port, int basePort, string dataRoot, IReadOnlyDictionary<string, string>? environment = null, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        string[] args = ["exec", SiloAssembly(), "devnet", "--l1-port", Text(l1Port), "--base-port", Text(basePort), "--data", dataRoot, .. extra];
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info };
        var devnet = new DevnetProcess(process, l1Port, basePort, dataRoot);
        process.OutputDataReceived += (_, line) => devnet.Append(devnet._output, line.Data);
        process.ErrorDataReceived += (_, line) => devnet.Append(devnet._error, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return devnet;
    }

    /// <summary>Sends a signal the way an operator does (<c>kill -INT</c>, which is what Ctrl-C delivers).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, Text(Id)]) ?? throw new InvalidOperationException("kill did not start.");
        kill.WaitForExit();
    }

    /// <summary>Waits for the exit (output included); false when the deadline passes first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Process ids of the anvil instances serving <paramref name="port"/>, from /proc.</summary>
    public static IReadOnlyList<int> AnvilProcesses(int port) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(name => (Id: int.Parse(name!, CultureInfo.InvariantCulture), CommandLine: ReadCommandLine(name!)))
            .Where(p => p.CommandLine.Contains("anvil", StringComparison.Ordinal) && p.CommandLine.Contains($" --port {Text(port)} ", StringComparison.Ordinal))
            .Select(p => p.Id)];

    /// <summary>The devnet's node processes: silos whose working directory is a node folder under <paramref name="dataRoot"/>.</summary>
    public static IReadOnlyList<int> NodeProcesses(string dataRoot) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Where(name => WorkingDirectory(name!)?.StartsWith(Path.Combine(dataRoot, "nodes") + "/", StringComparison.Ordinal) == true)
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))];

    private static string? WorkingDirectory(string pid)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    /// <summary>The devnet build beside the tests (the project reference copies it), else the repository's Release build.</summary>
    private static string SiloAssembly()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "Obscuro.Silo.dll");
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "Obscuro.Silo.runtimeconfig.json"))) return beside;
        var built = Path.Combine(DevnetTools.RepositoryRoot(), "Silo", "bin", "Release", "net10.0", "Obscuro.Silo.dll");
        return File.Exists(built) ? built : throw new InvalidOperationException($"No runnable Obscuro.Silo.dll beside the tests or at {built}.");
    }

    private static string ReadCommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ') + " ";
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null) return;
        lock (_lock) target.AppendLine(line);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The first port of <paramref name="count"/> consecutive free ones, from a random start in the unassigned range.</summary>
    private static int FreePortRange(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            // The nodes' gateways and silos from the start, the aggregators' gossip endpoints 1000 above.
            var start = 20_000 + (Random.Shared.Next(0, 600) * count);
            if (Enumerable.Range(start, count).Concat(Enumerable.Range(start + 1000, count)).All(IsFree)) return start;
        }

        throw new InvalidOperationException($"No {count} consecutive free ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
