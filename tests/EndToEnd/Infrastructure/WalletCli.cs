using System.Globalization;
using System.Text.Json.Nodes;
using Obscuro.Cli;
using Obscuro.Client.Configuration;
using Spectre.Console;

namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The real <c>obscuro</c> command tree run in-process against a <see cref="DevnetFixture"/>, the way a user points it at
/// a network: <c>--deployment</c>, <c>--wallet</c> and the node's gateway, node id, cluster id and service id as
/// explicit options (no defaults, no environment). Secrets come from <see cref="Variables"/> (<c>OBSCURO_PASSPHRASE</c>)
/// or from scripted answers to the passphrase prompt, never from arguments.
/// </summary>
public sealed class WalletCli(DevnetFixture devnet, string walletDirectory)
{
    private static readonly HttpClient Http = new();

    public Dictionary<string, string> Variables { get; } = [];

    /// <summary>Answers to secret prompts, in order; a prompt with none left behaves as when there is no terminal.</summary>
    public Queue<string> PromptAnswers { get; } = new();

    /// <summary>The node the commands talk to; the fixture's aggregator unless set.</summary>
    public NodeEndpoint? Node { get; set; }

    /// <summary>An L1 endpoint given with <c>--l1</c>; the deployment file's when null.</summary>
    public Uri? L1 { get; set; }

    public string WalletDirectory => walletDirectory;

    /// <summary>A copy talking to another node (same wallet, same variables).</summary>
    public WalletCli On(NodeEndpoint node)
    {
        var copy = new WalletCli(devnet, walletDirectory) { Node = node, L1 = L1 };
        foreach (var (name, value) in Variables)
        {
            copy.Variables[name] = value;
        }

        return copy;
    }

    /// <summary>Runs one command as <paramref name="passphrase"/>'s owner would (<c>OBSCURO_PASSPHRASE</c> set for this run only).</summary>
    public Task<CliRun> RunAsAsync(string passphrase, params string[] args)
    {
        var previous = Variables.GetValueOrDefault("OBSCURO_PASSPHRASE");
        Variables["OBSCURO_PASSPHRASE"] = passphrase;
        try
        {
            return RunAsync(args);
        }
        finally
        {
            if (previous is null) Variables.Remove("OBSCURO_PASSPHRASE");
            else Variables["OBSCURO_PASSPHRASE"] = previous;
        }
    }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        var node = Node ?? DevnetFixture.EndpointOf(devnet.Aggregator);
        List<string> options =
        [
            "--deployment", devnet.DeploymentFile,
            "--wallet", walletDirectory,
            "--node", string.Join(",", node.Gateways),
            "--node-id", node.Id,
            "--cluster-id", node.ClusterId,
            "--service-id", node.ServiceId,
        ];
        if (L1 is not null)
        {
            options.AddRange(["--l1", L1.ToString()]);
        }

        var variables = new Dictionary<string, string>(Variables);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var environment = new CliEnvironment(
            Console(output),
            Console(error),
            name => variables.GetValueOrDefault(name),
            devnet.Root,
            _ => PromptAnswers.Count > 0 ? PromptAnswers.Dequeue() : null,
            RedirectedInput: null,
            Http: Http);
        var code = await CliApp.RunAsync([.. args, .. options], environment);
        return new CliRun([.. args], code, output.ToString(), error.ToString());
    }

    private static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 4096;
        return console;
    }
}

/// <summary>What one run of the CLI returned and printed.</summary>
public sealed record CliRun(IReadOnlyList<string> Arguments, int ExitCode, string Out, string Error)
{
    /// <summary>stdout as the one JSON document <c>--json</c> promises.</summary>
    public JsonNode Json => JsonNode.Parse(Out) ?? throw new InvalidOperationException("stdout is empty");

    /// <summary>Fails with everything the command printed unless it exited with <paramref name="expected"/>.</summary>
    public CliRun Expect(int expected)
    {
        Assert.True(ExitCode == expected, $"expected exit code {expected}:\n{this}");
        return this;
    }

    public CliRun Ok() => Expect(0);

    public override string ToString() => $"obscuro {string.Join(' ', Arguments)}\nexit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
