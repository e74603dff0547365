using System.CommandLine;

namespace Obscuro.Cli;

/// <summary>Runs one command's action with its <see cref="CliContext"/> and turns every failure into a message and an exit code.</summary>
internal sealed class CommandRunner(CliEnvironment environment, GlobalOptions options)
{
    public GlobalOptions Options => options;

    public async Task<int> RunAsync(ParseResult parse, Func<CliContext, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var context = new CliContext(environment, options, parse);
        await using (context.ConfigureAwait(false))
        {
            try
            {
                return await action(context).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                return context.Output.Error(error);
            }
        }
    }
}
