using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Obscuro.Cli;

/// <summary>
/// Everything the CLI prints goes through here: with <c>--json</c> exactly one JSON document on stdout (the result
/// or <c>{"error": …}</c>) and nothing else there; otherwise text and tables on stdout, errors and progress on stderr.
/// </summary>
internal sealed class Output(CliEnvironment environment, bool json)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public bool IsJson => json;

    public IAnsiConsole Console => environment.Out;

    public void Result(JsonObject document, Action human)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(human);
        if (json)
        {
            environment.Out.Profile.Out.Writer.WriteLine(document.ToJsonString(Indented));
        }
        else
        {
            human();
        }
    }

    public void Line(string markup) => environment.Out.MarkupLine(markup);

    public void Progress(string message)
    {
        if (!json)
        {
            environment.Error.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");
        }
    }

    public int Error(Exception error)
    {
        var (code, kind, message, hint) = ExitCodes.Describe(error);
        if (json)
        {
            var document = new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = code, ["kind"] = kind, ["message"] = message, ["hint"] = hint },
            };
            environment.Out.Profile.Out.Writer.WriteLine(document.ToJsonString(Indented));
        }
        else
        {
            environment.Error.MarkupLine("[red]error:[/] " + Markup.Escape(message));
            if (hint.Length > 0)
            {
                environment.Error.MarkupLine("[yellow]hint:[/] " + Markup.Escape(hint));
            }
        }

        return code;
    }
}
