using System.CommandLine;
using System.Text.Json.Nodes;
using Obscuro.Client.Amounts;
using Obscuro.Protocol.Ethereum;
using Spectre.Console;

namespace Obscuro.Cli.Commands;

/// <summary><c>obscuro history</c>: the account's verified transactions and incoming transfers.</summary>
internal static class HistoryCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("history", "Show the account's transactions and incoming transfers, newest first, as of the latest rollup on L1.");
        command.SetAction((parse, token) => runner.RunAsync(parse, context => RunAsync(context, token)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var client = context.Client();
        var assets = await client.Assets.ListAsync(cancellationToken).ConfigureAwait(false);
        using var account = context.UnlockAccount();
        var history = await client.GetHistoryAsync(account, cancellationToken).ConfigureAwait(false);
        var entries = new JsonArray();
        var table = new Table().AddColumns("Rollup", "Direction", "Counterparty", "Amount", "Status", "Transaction");
        foreach (var entry in history.Value)
        {
            var asset = AssetOf(assets, entry.Token);
            entries.Add(new JsonObject
            {
                ["transaction"] = entry.TransactionHash.ToString(),
                ["direction"] = entry.Outgoing ? "out" : "in",
                ["counterparty"] = entry.Counterparty.ToChecksumString(),
                ["amount"] = Render.Amount(asset, entry.Amount),
                ["status"] = Render.State(entry.State),
                ["generation"] = entry.Generation,
            });
            table.AddRow(
                entry.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
                entry.Outgoing ? "out" : "in",
                entry.Counterparty.ToChecksumString(),
                Render.Escape(asset.Format(entry.Amount)),
                Render.State(entry.State),
                entry.TransactionHash.ToString());
        }

        context.Output.Result(new JsonObject { ["account"] = account.Address.ToChecksumString(), ["entries"] = entries, ["basedOn"] = Render.Anchor(history) }, () =>
        {
            if (history.Value.Count == 0)
            {
                context.Output.Line("No transactions yet.");
            }
            else
            {
                context.Output.Console.Write(table);
            }

            context.Output.Line(Render.VerifiedNote(history));
        });
        return ExitCodes.Ok;
    }

    /// <summary>ETH for the zero address; an allow-listed token by its L1 or wrapped L2 address; else raw base units.</summary>
    private static Asset AssetOf(IReadOnlyList<Asset> assets, Address token) =>
        token.IsZero ? Asset.Eth : assets.FirstOrDefault(a => !a.IsEth && (a.L1Address == token || a.L2Address == token)) ?? new Asset(token.ToChecksumString(), 0, token);
}
