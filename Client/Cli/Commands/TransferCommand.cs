using System.CommandLine;
using System.Text.Json.Nodes;
using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Transactions;

namespace Obscuro.Cli.Commands;

/// <summary><c>obscuro transfer &lt;to&gt; &lt;amount&gt; [--asset]</c>: a private L2 transfer.</summary>
internal static class TransferCommand
{
    public static Command Create(CommandRunner runner)
    {
        var to = new Argument<string>("to") { Description = "The recipient's L2 address (a mixed-case address must have a valid EIP-55 checksum)." };
        var amount = new Argument<string>("amount") { Description = "How much, in the asset's units." };
        var asset = new Option<string?>("--asset") { Description = "ETH (default), or an allow-listed token by symbol or address." };
        var command = new Command("transfer", "Transfer ETH or a token privately on L2; waits until the transaction is in a rollup on L1.") { to, amount, asset };
        command.SetAction((parse, token) => runner.RunAsync(parse, context => RunAsync(context, parse.GetValue(to), parse.GetValue(amount), parse.GetValue(asset), token)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? toText, string? amountText, string? assetName, CancellationToken cancellationToken)
    {
        var recipient = UserInput.ParseAddress(toText, "recipient");
        if (AssetNames.IsEth(assetName))
        {
            Asset.Eth.Parse(amountText);
        }

        var client = context.Client();
        var asset = await client.Assets.ResolveAsync(assetName, cancellationToken).ConfigureAwait(false);
        var amount = asset.Parse(amountText);
        using var account = context.UnlockAccount();
        var outcome = await context.WithProgressAsync(
            $"Sending {asset.Format(amount)} to {recipient.ToChecksumString()}",
            progress => client.TransferAsync(account, asset, recipient, amount, progress, cancellationToken)).ConfigureAwait(false);
        Print(context, outcome, "transfer", Render.Amount(asset, amount), recipient.ToChecksumString());
        return ExitCodes.Ok;
    }

    /// <summary>The result of an included L2 transaction (shared with withdraw).</summary>
    internal static void Print(CliContext context, TransactionOutcome outcome, string kind, JsonObject amount, string counterparty)
    {
        var result = outcome.Result.Value;
        var document = new JsonObject
        {
            ["kind"] = kind,
            ["transaction"] = outcome.TransactionHash.ToString(),
            ["nonce"] = outcome.Submission.Nonce,
            ["amount"] = amount,
            ["to"] = counterparty,
            ["status"] = Render.State(result.State),
            ["fee"] = Render.Amount(Asset.Eth, result.FeePaid),
            ["rollup"] = result.RollupHash.ToString(),
            ["basedOn"] = Render.Anchor(outcome.Result),
        };
        context.Output.Result(document, () =>
        {
            context.Output.Line($"[green]Done:[/] {Render.Escape(outcome.Call.Description)}.");
            context.Output.Line($"Transaction {outcome.TransactionHash} {Render.State(result.State)} in rollup {result.Generation} (fee {Render.Escape(Asset.Eth.Format(result.FeePaid))}).");
            context.Output.Line(Render.VerifiedNote(outcome.Result));
        });
    }
}
