using System.Text.Json.Nodes;
using Obscuro.Cli;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Silo.Devnet;
using Spectre.Console;

namespace Obscuro.EndToEnd.Tests.Reveal;

/// <summary>Runs the real <c>obscuro</c> command tree in-process against one devnet node, with captured output.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public JsonNode Json => JsonNode.Parse(Out) ?? throw new InvalidOperationException("stdout is empty");

        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
    }

    public static async Task<Result> RunAsync(DevnetFixture devnet, DevnetNode node, params string[] args)
    {
        var endpoint = DevnetFixture.EndpointOf(node);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(Console(output), Console(error), _ => null, devnet.Root, _ => null);
        string[] global =
        [
            "--deployment", devnet.DeploymentFile, "--node", string.Join(',', endpoint.Gateways), "--node-id", endpoint.Id,
            "--cluster-id", endpoint.ClusterId, "--service-id", endpoint.ServiceId,
        ];
        var code = await CliApp.RunAsync([.. args, .. global], environment);
        return new Result(code, output.ToString(), error.ToString());
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
