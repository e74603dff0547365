using System.CommandLine;
using System.Text.Json.Nodes;
using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Cli.Commands;

/// <summary><c>obscuro deposit &lt;amount&gt; [--asset] [--to]</c>: an L1 transaction into the bridge.</summary>
internal static class DepositCommand
{
    public static Command Create(CommandRunner runner)
    {
        var amount = new Argument<string>("amount") { Description = "How much, in the asset's units (1.5 means 1.5 ETH)." };
        var asset = new Option<string?>("--asset") { Description = "ETH (default), or an allow-listed token by symbol or address (see 'obscuro tokens')." };
        var to = new Option<string?>("--to") { Description = "The L2 account to credit. Default: your own." };
        var command = new Command("deposit", "Deposit ETH or an allow-listed token from L1 into the bridge; it is credited on L2 once a rollup that depends on its L1 block is published.")
        {
            amount, asset, to,
        };
        command.SetAction((parse, token) => runner.RunAsync(parse, context => RunAsync(context, parse.GetValue(amount), parse.GetValue(asset), parse.GetValue(to), token)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? amountText, string? assetName, string? toText, CancellationToken cancellationToken)
    {
        var recipient = toText is null ? (Address?)null : UserInput.ParseAddress(toText, "L2 recipient");
        if (AssetNames.IsEth(assetName))
        {
            Asset.Eth.Parse(amountText);
        }

        var client = context.Client();
        var asset = await client.Assets.ResolveAsync(assetName, cancellationToken).ConfigureAwait(false);
        var amount = asset.Parse(amountText);
        using var account = context.UnlockAccount();
        var result = await context.WithProgressAsync(
            $"Depositing {asset.Format(amount)} on L1",
            progress => client.DepositAsync(account, asset, amount, recipient, progress, cancellationToken)).ConfigureAwait(false);
        var document = new JsonObject
        {
            ["deposit"] = Render.Amount(result.Asset, result.Amount),
            ["depositId"] = result.DepositId.ToString(),
            ["l2Recipient"] = result.L2Recipient.ToChecksumString(),
            ["l1Transaction"] = result.TransactionHash.ToString(),
            ["l1Block"] = result.BlockNumber,
            ["approval"] = result.ApprovalHash?.ToString(),
        };
        context.Output.Result(document, () =>
        {
            context.Output.Line($"Deposited [bold]{Render.Escape(result.Asset.Format(result.Amount))}[/] for {result.L2Recipient.ToChecksumString()} (deposit {result.DepositId}).");
            context.Output.Line($"L1 transaction {result.TransactionHash} in block {result.BlockNumber}.");
            context.Output.Line("[grey]It is credited on L2 once a rollup that depends on this L1 block is published; 'obscuro balance' shows it then.[/]");
        });
        return ExitCodes.Ok;
    }
}
