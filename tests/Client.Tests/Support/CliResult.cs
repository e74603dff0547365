using System.Text.Json.Nodes;

namespace Obscuro.Client.Tests.Support;

/// <summary>What one in-process run of the CLI returned and printed.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>stdout as the one JSON document <c>--json</c> promises.</summary>
    public JsonNode Json => JsonNode.Parse(Out) ?? throw new InvalidOperationException("stdout is empty");

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
