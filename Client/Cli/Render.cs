using System.Text.Json.Nodes;
using Obscuro.Client.Amounts;
using Obscuro.Client.Queries;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;
using Spectre.Console;

namespace Obscuro.Cli;

/// <summary>Shared pieces of output: amounts (exact base units plus units for people) and where an answer comes from.</summary>
internal static class Render
{
    public static JsonObject Amount(Asset asset, UInt256 baseUnits) => new()
    {
        ["asset"] = asset.Symbol,
        ["token"] = asset.IsEth ? null : asset.L1Address.ToChecksumString(),
        ["amount"] = asset.FormatNumber(baseUnits),
        ["baseUnits"] = baseUnits.ToString(),
        ["decimals"] = asset.Decimals,
    };

    public static JsonObject Anchor<T>(VerifiedAnswer<T> answer) => new()
    {
        ["rollup"] = answer.BasedOn.RollupHash.ToString(),
        ["generation"] = answer.BasedOn.Generation,
        ["l1Block"] = answer.BasedOn.L1BlockNumber,
        ["l1BlockHash"] = answer.BasedOn.L1BlockHash.ToString(),
        ["enclave"] = answer.Enclave.ToChecksumString(),
    };

    /// <summary>The footnote under verified answers: what was checked, so the user knows what they are looking at.</summary>
    public static string VerifiedNote<T>(VerifiedAnswer<T> answer) =>
        $"[grey]As of rollup {answer.BasedOn.Generation} (L1 block {answer.BasedOn.L1BlockNumber}); signed by enclave {answer.Enclave.ToChecksumString()}, registered on L1; rollup checked on L1.[/]";

    public static string State(TransactionState state) => state switch
    {
        TransactionState.Succeeded => "succeeded",
        TransactionState.Failed => "failed",
        _ => "pending or unknown",
    };

    public static string Escape(string text) => Markup.Escape(text);
}
