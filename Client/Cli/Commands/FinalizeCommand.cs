using System.CommandLine;
using System.Text.Json.Nodes;
using Obscuro.Client;
using Obscuro.Client.Amounts;
using Obscuro.Client.Errors;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Cli.Commands;

/// <summary><c>obscuro finalize [&lt;tx&gt;] [--recipient]</c>: pays withdrawals on L1 once the bridge allows.</summary>
internal static class FinalizeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var transaction = new Argument<string?>("tx") { Description = "The withdrawal transaction's hash. Default: every unpaid withdrawal to the recipient.", Arity = ArgumentArity.ZeroOrOne };
        var recipient = new Option<string?>("--recipient") { Description = "Whose withdrawals to pay when no hash is given. Default: your own address." };
        var command = new Command("finalize", "Pay withdrawals on L1: finds them in the rollups' withdrawal lists on L1, waits until the bridge says they are payable, then calls finalizeWithdrawal (you pay the L1 gas).")
        {
            transaction, recipient,
        };
        command.SetAction((parse, token) => runner.RunAsync(parse, context => RunAsync(context, parse.GetValue(transaction), parse.GetValue(recipient), token)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? transactionText, string? recipientText, CancellationToken cancellationToken)
    {
        Hash256? transaction = transactionText is null ? null : UserInput.ParseHash(transactionText, "transaction hash");
        var recipientGiven = recipientText is null ? (Address?)null : UserInput.ParseAddress(recipientText, "recipient");
        var client = context.Client();
        using var account = context.UnlockAccount();
        var recipient = recipientGiven ?? account.Address;
        var pending = await client.FindWithdrawalsAsync(account, recipient, transaction, cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            throw new NotFoundException($"There are no unpaid withdrawals to {recipient.ToChecksumString()} in the rollups on L1.", "Withdraw first with 'obscuro withdraw'; a withdrawal appears here once its rollup is on L1.");
        }

        var paid = new JsonArray();
        var lines = new List<string>();
        foreach (var withdrawal in pending)
        {
            var asset = await DescribeAsync(client, withdrawal.Withdrawal.Token, cancellationToken).ConfigureAwait(false);
            var done = await context.WithProgressAsync(
                $"Finalizing {asset.Format(withdrawal.Withdrawal.Amount)} to {withdrawal.Withdrawal.Recipient.ToChecksumString()} (rollup {withdrawal.RollupHash}, entry {withdrawal.Index})",
                progress => client.FinalizeAsync(account, withdrawal, progress, cancellationToken)).ConfigureAwait(false);
            paid.Add(new JsonObject
            {
                ["amount"] = Render.Amount(asset, withdrawal.Withdrawal.Amount),
                ["recipient"] = withdrawal.Withdrawal.Recipient.ToChecksumString(),
                ["rollup"] = withdrawal.RollupHash.ToString(),
                ["index"] = withdrawal.Index,
                ["l1Transaction"] = done.TransactionHash.ToString(),
                ["l1Block"] = done.BlockNumber,
                ["gasCost"] = Render.Amount(Asset.Eth, done.GasCost),
            });
            lines.Add($"Paid [bold]{Render.Escape(asset.Format(withdrawal.Withdrawal.Amount))}[/] to {withdrawal.Withdrawal.Recipient.ToChecksumString()} on L1 (transaction {done.TransactionHash}, block {done.BlockNumber}, gas {Render.Escape(Asset.Eth.Format(done.GasCost))}).");
        }

        context.Output.Result(new JsonObject { ["finalized"] = paid }, () => lines.ForEach(context.Output.Line));
        return ExitCodes.Ok;
    }

    private static async Task<Asset> DescribeAsync(ObscuroClient client, Address token, CancellationToken cancellationToken)
    {
        if (token.IsZero)
        {
            return Asset.Eth;
        }

        try
        {
            return await client.Assets.ResolveAsync(token.ToChecksumString(), cancellationToken).ConfigureAwait(false);
        }
        catch (UnknownTokenException)
        {
            // A token delisted since the withdrawal is still paid; show its base units under its address.
            return new Asset(token.ToChecksumString(), 0, token);
        }
    }
}
