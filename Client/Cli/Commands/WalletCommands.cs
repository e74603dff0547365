using System.CommandLine;
using System.Text.Json.Nodes;
using Obscuro.Client.Keys;
using Spectre.Console;

namespace Obscuro.Cli.Commands;

/// <summary><c>obscuro wallet new|import|list</c>: the local keystore.</summary>
internal static class WalletCommands
{
    public const string PrivateKeyVariable = "OBSCURO_PRIVATE_KEY";

    public static Command Create(CommandRunner runner)
    {
        var wallet = new Command("wallet", "Manage the accounts in the local keystore (encrypted with a passphrase).");

        var label = new Option<string?>("--label") { Description = "A name for the account, usable instead of its address with --account." };
        var create = new Command("new", "Create an account: a new key and viewing key, encrypted with a passphrase you choose.") { label };
        create.SetAction((parse, token) => runner.RunAsync(parse, context => NewAsync(context, parse.GetValue(label))));
        wallet.Subcommands.Add(create);

        var importLabel = new Option<string?>("--label") { Description = "A name for the account." };
        var import = new Command(
            "import",
            $"Import a private key (64 hex digits): from ${PrivateKeyVariable}, from standard input when it is redirected, or typed at a prompt. Never pass it as an argument: arguments end up in shell history.")
        {
            importLabel,
        };
        import.SetAction((parse, token) => runner.RunAsync(parse, context => ImportAsync(context, parse.GetValue(importLabel))));
        wallet.Subcommands.Add(import);

        var list = new Command("list", "List the accounts in the keystore (no passphrase needed).");
        list.SetAction((parse, token) => runner.RunAsync(parse, ListAsync));
        wallet.Subcommands.Add(list);
        return wallet;
    }

    private static Task<int> NewAsync(CliContext context, string? label)
    {
        var keystore = context.Keystore;
        var entry = keystore.Create(label, context.Passphrase("New passphrase:", confirm: true));
        Print(context, entry, "Created");
        return Task.FromResult(ExitCodes.Ok);
    }

    private static Task<int> ImportAsync(CliContext context, string? label)
    {
        var keystore = context.Keystore;
        var key = context.Environment.GetVariable(PrivateKeyVariable)
            ?? context.Environment.RedirectedInput?.ReadLine()
            ?? context.Environment.PromptSecret("Private key (hex):")
            ?? string.Empty;
        var entry = keystore.Import(key, label, context.Passphrase("New passphrase:", confirm: true));
        Print(context, entry, "Imported");
        return Task.FromResult(ExitCodes.Ok);
    }

    private static Task<int> ListAsync(CliContext context)
    {
        var entries = context.Keystore.List();
        var array = new JsonArray();
        foreach (var entry in entries)
        {
            array.Add(Describe(entry));
        }

        context.Output.Result(new JsonObject { ["keystore"] = context.KeystoreDirectory, ["accounts"] = array }, () =>
        {
            if (entries.Count == 0)
            {
                context.Output.Line($"No accounts in {Render.Escape(context.KeystoreDirectory)}. Create one with [bold]obscuro wallet new[/].");
                return;
            }

            var table = new Table().AddColumns("Label", "Address", "Created");
            foreach (var entry in entries)
            {
                table.AddRow(Render.Escape(entry.Label ?? "-"), entry.Address.ToChecksumString(), entry.Created.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
            }

            context.Output.Console.Write(table);
        });
        return Task.FromResult(ExitCodes.Ok);
    }

    private static void Print(CliContext context, KeystoreEntry entry, string verb) =>
        context.Output.Result(Describe(entry), () =>
        {
            context.Output.Line($"{verb} account [bold]{entry.Address.ToChecksumString()}[/]{(entry.Label is null ? string.Empty : $" ({Render.Escape(entry.Label)})")}.");
            context.Output.Line($"Keystore file: {Render.Escape(entry.Path)}");
            context.Output.Line("[yellow]Keep the passphrase safe: nobody can recover it, and without it the keystore cannot be opened.[/]");
        });

    private static JsonObject Describe(KeystoreEntry entry) => new()
    {
        ["address"] = entry.Address.ToChecksumString(),
        ["label"] = entry.Label,
        ["created"] = entry.Created.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["file"] = entry.Path,
    };
}
