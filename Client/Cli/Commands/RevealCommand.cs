using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Obscuro.Client.Errors;
using Obscuro.Client.Reveal;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Reveal;

namespace Obscuro.Cli.Commands;

/// <summary>
/// <c>obscuro reveal --option S --interval N</c>: a reveal interval's key and group positions from the node, once the
/// interval has ended on L1 (no wallet needed); <c>obscuro reveal verify</c>: checks a key and positions against the
/// rollups read from L1 and shows the transactions they open.
/// </summary>
internal static class RevealCommand
{
    public static Command Create(CommandRunner runner)
    {
        var option = OptionOption();
        var interval = IntervalOption();
        var output = new Option<string?>("--out") { Description = "Also write the release to this file (for 'obscuro reveal verify --release')." };
        var command = new Command("reveal", "Get the key and group positions of a reveal interval that has ended on L1 (no wallet needed).") { option, interval, output };
        command.SetAction((parse, token) => runner.RunAsync(parse, context => GetAsync(context, parse.GetValue(option), parse.GetValue(interval), parse.GetValue(output), token)));
        command.Subcommands.Add(CreateVerify(runner));
        return command;
    }

    private static Command CreateVerify(CommandRunner runner)
    {
        var option = OptionOption();
        var interval = IntervalOption();
        var key = new Option<string?>("--key") { Description = "The key to check (0x and 64 hex digits) instead of the release's own." };
        var release = new Option<string?>("--release") { Description = "A release file written by 'obscuro reveal --out' (or its --json output); default: ask the node." };
        var command = new Command("verify", "Check a reveal key and its positions against the rollups on L1, and show the transactions they open.") { option, interval, key, release };
        command.SetAction((parse, token) => runner.RunAsync(parse, context => VerifyAsync(context, parse.GetValue(option), parse.GetValue(interval), parse.GetValue(key), parse.GetValue(release), token)));
        return command;
    }

    private static Option<string?> OptionOption() => new("--option") { Description = "The reveal option: XS, S, M, L or XL." };

    private static Option<string?> IntervalOption() => new("--interval") { Description = "The interval number (generation ÷ the option's length in rollups)." };

    private static async Task<int> GetAsync(CliContext context, string? optionText, string? intervalText, string? outFile, CancellationToken cancellationToken)
    {
        var option = ParseOption(optionText) ?? throw new InputFormatException("--option is required.", "Pass --option XS, S, M, L or XL.");
        var interval = ParseInterval(intervalText) ?? throw new InputFormatException("--interval is required.", "Pass --interval with the interval number, e.g. --interval 0.");
        var client = context.Client();
        var release = await client.GetRevealAsync(option, interval, cancellationToken).ConfigureAwait(false);
        var document = Describe(release);
        if (outFile is not null)
        {
            await File.WriteAllTextAsync(outFile, document.ToJsonString(), cancellationToken).ConfigureAwait(false);
        }

        context.Output.Result(document, () =>
        {
            context.Output.Line($"Interval [bold]{interval}[/] of [bold]{option}[/], released by enclave {release.Enclave.ToChecksumString()} (registered on L1).");
            context.Output.Line($"Key: {Hex.Encode(release.Key)}");
            foreach (var entry in release.Entries)
            {
                context.Output.Line(entry.HasGroup
                    ? $"  rollup {entry.Generation} ({entry.RollupHash}): group at {entry.Offset}, {entry.Length} bytes"
                    : $"  rollup {entry.Generation} ({entry.RollupHash}): no {option} transactions");
            }

            if (outFile is not null) context.Output.Line($"Written to {Render.Escape(outFile)}.");
            context.Output.Line("[grey]Check it against L1 yourself: obscuro reveal verify --option " + option + " --interval " + interval.ToString(CultureInfo.InvariantCulture) + "[/]");
        });
        return ExitCodes.Ok;
    }

    private static async Task<int> VerifyAsync(CliContext context, string? optionText, string? intervalText, string? keyText, string? releaseFile, CancellationToken cancellationToken)
    {
        var option = ParseOption(optionText);
        var interval = ParseInterval(intervalText);
        var key = keyText is null ? null : ParseKey(keyText);
        var client = context.Client();
        RevealRelease release;
        if (releaseFile is not null)
        {
            release = await ReadReleaseAsync(releaseFile, cancellationToken).ConfigureAwait(false);
            if ((option is { } o && o != release.Option) || (interval is { } i && i != release.Interval))
            {
                throw new InputFormatException($"The release file holds interval {release.Interval} of {release.Option}, not what --option/--interval ask for.", "Drop --option and --interval, or pass the matching file.");
            }
        }
        else
        {
            release = await client.GetRevealAsync(
                option ?? throw new InputFormatException("--option is required without --release.", "Pass --option XS, S, M, L or XL, or --release FILE."),
                interval ?? throw new InputFormatException("--interval is required without --release.", "Pass --interval N, or --release FILE."),
                cancellationToken).ConfigureAwait(false);
        }

        var revealed = await client.VerifyRevealAsync(release, key, cancellationToken).ConfigureAwait(false);
        var transactions = revealed.Rollups.Sum(r => r.Transactions.Count);
        var document = new JsonObject
        {
            ["option"] = release.Option.ToString(),
            ["interval"] = release.Interval,
            ["verified"] = true,
            ["signedByRegisteredEnclave"] = revealed.SignedByRegisteredEnclave,
            ["enclave"] = release.Enclave.ToChecksumString(),
            ["rollups"] = new JsonArray([.. revealed.Rollups.Select(r => (JsonNode)new JsonObject
            {
                ["rollup"] = r.RollupHash.ToString(),
                ["generation"] = r.Generation,
                ["transactions"] = new JsonArray([.. r.Transactions.Select(t => (JsonNode)TransactionDocument(t))]),
            })]),
        };
        context.Output.Result(document, () =>
        {
            context.Output.Line($"[green]Verified[/] against L1: the key opens exactly the {release.Option} groups of interval {release.Interval} ({revealed.Rollups.Count} rollups, {transactions} transactions).");
            context.Output.Line(revealed.SignedByRegisteredEnclave
                ? $"Released by enclave {release.Enclave.ToChecksumString()}, registered on L1."
                : "[yellow]The release is not signed by an enclave registered on L1[/] (the key and positions themselves check out).");
            foreach (var rollup in revealed.Rollups.Where(r => r.Transactions.Count > 0))
            {
                context.Output.Line($"  rollup {rollup.Generation} ({rollup.RollupHash}):");
                foreach (var transaction in rollup.Transactions)
                {
                    var t = TransactionDocument(transaction);
                    context.Output.Line($"    {t["hash"]} from {t["from"]} to {t["to"]} value {t["value"]} wei");
                }
            }
        });
        return ExitCodes.Ok;
    }

    /// <summary>The release as the --json output and the --out file hold it: readable fields plus the signed RLP.</summary>
    private static JsonObject Describe(RevealRelease release) => new()
    {
        ["option"] = release.Option.ToString(),
        ["interval"] = release.Interval,
        ["key"] = Hex.Encode(release.Key),
        ["enclave"] = release.Enclave.ToChecksumString(),
        ["rollups"] = new JsonArray([.. release.Entries.Select(e => (JsonNode)new JsonObject
        {
            ["rollup"] = e.RollupHash.ToString(),
            ["generation"] = e.Generation,
            ["hasGroup"] = e.HasGroup,
            ["offset"] = e.Offset,
            ["length"] = e.Length,
        })]),
        ["release"] = Hex.Encode(release.Encode()),
    };

    private static JsonObject TransactionDocument(byte[] raw)
    {
        var document = new JsonObject { ["hash"] = Keccak256.Hash(raw).ToString(), ["raw"] = Hex.Encode(raw) };
        try
        {
            var transaction = Transaction.Decode(raw);
            document["from"] = transaction.TryRecoverSender(out var sender, out _) ? sender.ToChecksumString() : null;
            document["to"] = transaction.To?.ToChecksumString();
            document["value"] = transaction.Value.ToString();
        }
        catch (FormatException)
        {
            // Shown as raw bytes only.
        }

        return document;
    }

    /// <summary>A release file: the JSON 'obscuro reveal --out/--json' writes (its "release" field), or the bare hex.</summary>
    private static async Task<RevealRelease> ReadReleaseAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException($"The release file '{path}' cannot be read: {e.Message}", "Pass the file 'obscuro reveal --out' wrote.", e);
        }

        try
        {
            var hex = text.StartsWith('{') ? JsonNode.Parse(text)?["release"]?.GetValue<string>() ?? throw new FormatException("it has no \"release\" field") : text;
            return RevealRelease.Decode(Hex.Decode(hex));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new InputFormatException($"The release file '{path}' does not hold a reveal release: {e.Message}", "Pass the file 'obscuro reveal --out' wrote.", e);
        }
    }

    private static RevealOption? ParseOption(string? text)
    {
        if (text is null) return null;
        return Enum.TryParse<RevealOption>(text.Trim(), ignoreCase: true, out var option) && Enum.IsDefined(option) && char.IsLetter(text.Trim()[0])
            ? option
            : throw new InputFormatException($"'{text}' is not a reveal option.", "The options are XS, S, M, L and XL.");
    }

    private static ulong? ParseInterval(string? text)
    {
        if (text is null) return null;
        return ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var interval)
            ? interval
            : throw new InputFormatException($"'{text}' is not an interval number.", "An interval is a whole number: 0, 1, 2, …");
    }

    private static byte[] ParseKey(string text)
    {
        try
        {
            var key = Hex.Decode(text.Trim());
            return key.Length == RevealKey.Size ? key : throw new FormatException($"it is {key.Length} bytes, not {RevealKey.Size}");
        }
        catch (FormatException e)
        {
            throw new InputFormatException($"The key '{text}' is not a reveal key: {e.Message}", "A reveal key is 0x followed by 64 hex digits, as 'obscuro reveal' prints it.", e);
        }
    }
}
