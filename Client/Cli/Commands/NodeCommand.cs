using System.CommandLine;
using System.Text.Json.Nodes;

namespace Obscuro.Cli.Commands;

/// <summary><c>obscuro node</c>: the node's public status (no account needed).</summary>
internal static class NodeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("node", "Show the node's public status: its L1 head, its rollup head and its mempool size.");
        command.SetAction((parse, token) => runner.RunAsync(parse, context => RunAsync(context, token)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var client = context.Client();
        var status = await client.GetNodeStatusAsync(cancellationToken).ConfigureAwait(false);
        var document = new JsonObject
        {
            ["node"] = status.NodeId,
            ["gateways"] = string.Join(",", client.Node.Gateways),
            ["aggregator"] = status.IsAggregator,
            ["l1Head"] = status.L1Head,
            ["headRollup"] = status.HeadRollup.ToString(),
            ["headGeneration"] = status.HeadGeneration,
            ["pendingTransactions"] = status.PendingTransactions,
            ["rollupsPublished"] = status.RollupsPublished,
            ["enclave"] = status.Enclave?.EnclaveAddress.ToChecksumString(),
        };
        context.Output.Result(document, () =>
        {
            context.Output.Line($"Node [bold]{Render.Escape(status.NodeId)}[/] ({(status.IsAggregator ? "aggregator" : "verifier")}) at {Render.Escape(string.Join(", ", client.Node.Gateways))}");
            context.Output.Line($"L1 head {status.L1Head}; rollup head {status.HeadGeneration} ({status.HeadRollup}); {status.PendingTransactions} pending; {status.RollupsPublished} rollups published.");
            context.Output.Line("[grey]This is what the node says about itself; nothing in it is verified.[/]");
        });
        return ExitCodes.Ok;
    }
}
