using System.CommandLine;
using System.Text.Json.Nodes;
using Obscuro.Client.Amounts;
using Spectre.Console;

namespace Obscuro.Cli.Commands;

/// <summary><c>obscuro balance [--asset]</c>: the account's verified L2 balances.</summary>
internal static class BalanceCommand
{
    public static Command Create(CommandRunner runner)
    {
        var asset = new Option<string?>("--asset") { Description = "Only this asset (ETH, a token symbol or address). Default: ETH and every allow-listed token." };
        var command = new Command("balance", "Show the account's L2 balances and next nonce, as of the latest rollup on L1 (checked against L1).") { asset };
        command.SetAction((parse, token) => runner.RunAsync(parse, context => RunAsync(context, parse.GetValue(asset), token)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? assetName, CancellationToken cancellationToken)
    {
        var client = context.Client();
        IReadOnlyList<Asset> assets = assetName is null
            ? await client.Assets.ListAsync(cancellationToken).ConfigureAwait(false)
            : [await client.Assets.ResolveAsync(assetName, cancellationToken).ConfigureAwait(false)];
        using var account = context.UnlockAccount();
        var summary = await client.GetAccountAsync(account, cancellationToken).ConfigureAwait(false);
        var rows = new List<(Asset Asset, Protocol.Ethereum.UInt256 Amount)>();
        foreach (var asset in assets)
        {
            rows.Add((asset, asset.IsEth ? summary.Value.Balance : (await client.GetTokenBalanceAsync(account, asset, cancellationToken).ConfigureAwait(false)).Value));
        }

        var balances = new JsonArray();
        foreach (var (asset, amount) in rows)
        {
            balances.Add(Render.Amount(asset, amount));
        }

        var document = new JsonObject
        {
            ["account"] = account.Address.ToChecksumString(),
            ["nonce"] = summary.Value.Nonce,
            ["balances"] = balances,
            ["basedOn"] = Render.Anchor(summary),
        };
        context.Output.Result(document, () =>
        {
            var table = new Table().AddColumns("Asset", "Balance").Title($"{account.Address.ToChecksumString()} on L2");
            table.Columns[1].RightAligned();
            foreach (var (asset, amount) in rows)
            {
                table.AddRow(Render.Escape(asset.ToString()), asset.FormatNumber(amount));
            }

            context.Output.Console.Write(table);
            context.Output.Line($"Next nonce: {summary.Value.Nonce}");
            context.Output.Line(Render.VerifiedNote(summary));
        });
        return ExitCodes.Ok;
    }
}
