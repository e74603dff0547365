using Obscuro.Cli;
using Spectre.Console;

namespace Obscuro.Client.Tests.Support;

/// <summary>
/// Runs the real <c>obscuro</c> command tree in-process with captured consoles, chosen environment variables, a
/// working directory and scripted answers to secret prompts (no terminal otherwise).
/// </summary>
public sealed class CliHarness
{
    public Dictionary<string, string> Variables { get; } = [];

    /// <summary>Answers to secret prompts, in order; a prompt with none left behaves as when there is no terminal.</summary>
    public Queue<string> PromptAnswers { get; } = new();

    public string WorkingDirectory { get; set; } = Path.GetTempPath();

    public HttpClient? Http { get; set; }

    /// <summary>Options added to every command line (the global options are recursive, so their place does not matter).</summary>
    public List<string> ExtraArguments { get; } = [];

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(
            Console(output),
            Console(error),
            name => Variables.GetValueOrDefault(name),
            WorkingDirectory,
            _ => PromptAnswers.Count > 0 ? PromptAnswers.Dequeue() : null,
            RedirectedInput: null,
            Http: Http);
        var code = await CliApp.RunAsync([.. args, .. ExtraArguments], environment);
        return new CliResult(code, output.ToString(), error.ToString());
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
