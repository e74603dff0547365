using System.CommandLine;
using System.Text.Json.Nodes;
using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Protocol.Queries;

namespace Obscuro.Cli.Commands;

/// <summary><c>obscuro status &lt;tx&gt;</c>: one of the account's transactions, verified.</summary>
internal static class StatusCommand
{
    public static Command Create(CommandRunner runner)
    {
        var transaction = new Argument<string>("tx") { Description = "The transaction hash (0x and 64 hex digits)." };
        var command = new Command("status", "Show whether one of your transactions is in a rollup on L1, and its outcome.") { transaction };
        command.SetAction((parse, token) => runner.RunAsync(parse, context => RunAsync(context, parse.GetValue(transaction), token)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? text, CancellationToken cancellationToken)
    {
        var hash = UserInput.ParseHash(text, "transaction hash");
        var client = context.Client();
        using var account = context.UnlockAccount();
        var answer = await client.GetTransactionAsync(account, hash, cancellationToken).ConfigureAwait(false);
        var value = answer.Value;
        var included = value.State != TransactionState.Unknown;
        var document = new JsonObject
        {
            ["transaction"] = hash.ToString(),
            ["status"] = Render.State(value.State),
            ["rollup"] = included ? value.RollupHash.ToString() : null,
            ["generation"] = included ? value.Generation : null,
            ["fee"] = included ? Render.Amount(Asset.Eth, value.FeePaid) : null,
            ["failure"] = value.State == TransactionState.Failed ? value.FailureReason : null,
            ["basedOn"] = Render.Anchor(answer),
        };
        context.Output.Result(document, () =>
        {
            context.Output.Line(value.State switch
            {
                TransactionState.Succeeded => $"[green]Succeeded[/] in rollup {value.Generation} ({value.RollupHash}); fee {Render.Escape(Asset.Eth.Format(value.FeePaid))}.",
                TransactionState.Failed => $"[red]Failed[/] in rollup {value.Generation}: {Render.Escape(value.FailureReason)} (the fee {Render.Escape(Asset.Eth.Format(value.FeePaid))} was charged).",
                _ => "Not in any rollup on L1 yet: it is pending, was rejected, or is not a transaction of this account. The node shows nothing more until a rollup with it is on L1.",
            });
            context.Output.Line(Render.VerifiedNote(answer));
        });
        return ExitCodes.Ok;
    }
}
