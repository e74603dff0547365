using Spectre.Console;

namespace Obscuro.Cli;

/// <summary>
/// What a CLI run touches outside itself: the consoles, environment variables, the working directory and the way to
/// ask for secrets. Tests pass their own to run the CLI in-process and read what it printed.
/// </summary>
internal sealed record CliEnvironment(
    IAnsiConsole Out,
    IAnsiConsole Error,
    Func<string, string?> GetVariable,
    string WorkingDirectory,
    Func<string, string?> PromptSecret,
    TextReader? RedirectedInput = null,
    HttpClient? Http = null)
{
    /// <summary>The process's real console, environment and working directory.</summary>
    public static CliEnvironment System()
    {
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

        // Redirected output goes to logs and scripts: never wrap a message at an imaginary 80 columns.
        if (Console.IsErrorRedirected)
        {
            error.Profile.Width = 4096;
        }

        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Console.Profile.Width = 4096;
        }

        return new CliEnvironment(
            AnsiConsole.Console,
            error,
            Environment.GetEnvironmentVariable,
            Environment.CurrentDirectory,
            prompt => Console.IsInputRedirected || !AnsiConsole.Profile.Capabilities.Interactive
                ? null
                : error.Prompt(new TextPrompt<string>(prompt).Secret().AllowEmpty()),
            Console.IsInputRedirected ? Console.In : null);
    }
}
