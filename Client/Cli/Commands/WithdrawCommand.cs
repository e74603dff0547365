using System.CommandLine;
using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Cli.Commands;

/// <summary><c>obscuro withdraw &lt;amount&gt; [--asset] [--to]</c>: the L2 half of a withdrawal (finalize pays it on L1).</summary>
internal static class WithdrawCommand
{
    public static Command Create(CommandRunner runner)
    {
        var amount = new Argument<string>("amount") { Description = "How much, in the asset's units." };
        var asset = new Option<string?>("--asset") { Description = "ETH (default), or an allow-listed token by symbol or address." };
        var to = new Option<string?>("--to") { Description = "The L1 address to pay. Default: your own." };
        var command = new Command("withdraw", "Withdraw ETH or a token from L2 to L1; waits for the rollup on L1. Then 'obscuro finalize' pays it once the bridge allows.")
        {
            amount, asset, to,
        };
        command.SetAction((parse, token) => runner.RunAsync(parse, context => RunAsync(context, parse.GetValue(amount), parse.GetValue(asset), parse.GetValue(to), token)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? amountText, string? assetName, string? toText, CancellationToken cancellationToken)
    {
        var recipient = toText is null ? (Address?)null : UserInput.ParseAddress(toText, "L1 recipient");
        if (AssetNames.IsEth(assetName))
        {
            Asset.Eth.Parse(amountText);
        }

        var client = context.Client();
        var asset = await client.Assets.ResolveAsync(assetName, cancellationToken).ConfigureAwait(false);
        var amount = asset.Parse(amountText);
        using var account = context.UnlockAccount();
        var l1Recipient = recipient ?? account.Address;
        var outcome = await context.WithProgressAsync(
            $"Withdrawing {asset.Format(amount)} to {l1Recipient.ToChecksumString()} on L1",
            progress => client.WithdrawAsync(account, asset, l1Recipient, amount, progress, cancellationToken)).ConfigureAwait(false);
        TransferCommand.Print(context, outcome, "withdrawal", Render.Amount(asset, amount), l1Recipient.ToChecksumString());
        if (!context.Output.IsJson)
        {
            context.Output.Line($"Next: [bold]obscuro finalize {outcome.TransactionHash}[/] pays it on L1 once the bridge's delay has passed.");
        }

        return ExitCodes.Ok;
    }
}
