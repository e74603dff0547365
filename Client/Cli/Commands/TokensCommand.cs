using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Obscuro.Cli.Commands;

/// <summary><c>obscuro tokens</c>: what the bridge accepts, read from L1.</summary>
internal static class TokensCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("tokens", "List the assets the bridge accepts (ETH and the allow-listed tokens), read from L1.");
        command.SetAction((parse, token) => runner.RunAsync(parse, context => RunAsync(context, token)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var assets = await context.Client().Assets.ListAsync(cancellationToken).ConfigureAwait(false);
        var array = new JsonArray();
        var table = new Table().AddColumns("Symbol", "Decimals", "L1 address", "L2 address");
        foreach (var asset in assets)
        {
            array.Add(new JsonObject
            {
                ["symbol"] = asset.Symbol,
                ["decimals"] = asset.Decimals,
                ["l1Address"] = asset.IsEth ? null : asset.L1Address.ToChecksumString(),
                ["l2Address"] = asset.IsEth ? null : asset.L2Address.ToChecksumString(),
            });
            table.AddRow(Render.Escape(asset.Symbol), asset.Decimals.ToString(System.Globalization.CultureInfo.InvariantCulture), asset.IsEth ? "-" : asset.L1Address.ToChecksumString(), asset.IsEth ? "-" : asset.L2Address.ToChecksumString());
        }

        context.Output.Result(new JsonObject { ["assets"] = array }, () => context.Output.Console.Write(table));
        return ExitCodes.Ok;
    }
}
