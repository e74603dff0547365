using System.CommandLine;
using Obscuro.Cli.Commands;
using Spectre.Console;

namespace Obscuro.Cli;

/// <summary>
/// The <c>obscuro</c> command line: builds the command tree, parses, and runs. A parse error (unknown command or
/// option, missing argument) prints what is wrong and exits with <see cref="ExitCodes.Usage"/>; every other failure is
/// mapped by <see cref="ExitCodes"/>.
/// </summary>
internal static class CliApp
{
    public static RootCommand Build(CliEnvironment environment)
    {
        var options = new GlobalOptions();
        var runner = new CommandRunner(environment, options);
        var root = new RootCommand("obscuro: a wallet for Obscuro, the confidential Ethereum L2. Defaults point at the running devnet.");
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(WalletCommands.Create(runner));
        root.Subcommands.Add(DepositCommand.Create(runner));
        root.Subcommands.Add(TransferCommand.Create(runner));
        root.Subcommands.Add(WithdrawCommand.Create(runner));
        root.Subcommands.Add(FinalizeCommand.Create(runner));
        root.Subcommands.Add(BalanceCommand.Create(runner));
        root.Subcommands.Add(HistoryCommand.Create(runner));
        root.Subcommands.Add(StatusCommand.Create(runner));
        root.Subcommands.Add(TokensCommand.Create(runner));
        root.Subcommands.Add(NodeCommand.Create(runner));
        root.Subcommands.Add(RevealCommand.Create(runner));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = Build(environment);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                environment.Error.MarkupLine("[red]error:[/] " + Markup.Escape(error.Message));
            }

            var command = parse.CommandResult.Command;
            var usage = command == root ? "obscuro --help" : $"obscuro {string.Join(' ', CommandPath(command))} --help";
            environment.Error.MarkupLine("[yellow]hint:[/] " + Markup.Escape($"Run '{usage}' for the arguments and options."));
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = environment.Out.Profile.Out.Writer,
            Error = environment.Error.Profile.Out.Writer,

            // Every action maps its own failures; anything escaping is a bug and gets exit code 1 from the runner.
            EnableDefaultExceptionHandler = false,
        };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private static Stack<string> CommandPath(Command command)
    {
        var names = new Stack<string>();
        for (Symbol? symbol = command; symbol is Command current && current is not RootCommand; symbol = current.Parents.FirstOrDefault())
        {
            names.Push(current.Name);
        }

        return names;
    }
}
