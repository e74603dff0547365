using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Deployment;

/// <summary>
/// Everything a node or a wallet needs to find one Obscuro network: the L1 chain and its management contracts, where the
/// L2 ledger starts on L1, the L2 chain id, the reveal schedule and the attestation values governance accepts. The devnet
/// writes it (<c>.devnet/deployment.json</c>); silos and the <c>obscuro</c> CLI read it. All of it is public.
/// <para>JSON (camelCase): <c>{ "l1ChainId", "l1Endpoint", "l2ChainId", "networkManagement", "rollupManagement", "bridge",
/// "testToken"?, "anchor": { "number", "hash", "parentHash" }, "revealLengths": [XS, S, M, L, XL], "measurement",
/// "authority", "attestationAuthority"? }</c>; numbers as JSON numbers, addresses and hashes as 0x-hex.</para>
/// </summary>
public sealed record NetworkDeployment(
    ulong L1ChainId,
    string L1Endpoint,
    ulong L2ChainId,
    Address NetworkManagement,
    Address RollupManagement,
    Address Bridge,
    Address? TestToken,
    ulong AnchorNumber,
    Hash256 AnchorHash,
    Hash256 AnchorParentHash,
    IReadOnlyList<ulong> RevealLengths,
    Hash256 Measurement,
    Hash256 Authority)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// The issuer URI of the attestation authority whose <c>keccak256</c> is <see cref="Authority"/>, where a simulated
    /// TEE asks for its tokens (a devnet's simulated authority); absent for networks whose TEEs know their authority.
    /// </summary>
    public string? AttestationAuthority { get; init; }

    public string ToJson()
    {
        var json = new JsonObject
        {
            ["l1ChainId"] = L1ChainId,
            ["l1Endpoint"] = L1Endpoint,
            ["l2ChainId"] = L2ChainId,
            ["networkManagement"] = NetworkManagement.ToChecksumString(),
            ["rollupManagement"] = RollupManagement.ToChecksumString(),
            ["bridge"] = Bridge.ToChecksumString(),
            ["anchor"] = new JsonObject { ["number"] = AnchorNumber, ["hash"] = AnchorHash.ToString(), ["parentHash"] = AnchorParentHash.ToString() },
            ["revealLengths"] = new JsonArray([.. RevealLengths.Select(l => (JsonNode)JsonValue.Create(l))]),
            ["measurement"] = Measurement.ToString(),
            ["authority"] = Authority.ToString(),
        };
        if (TestToken is { } token) json["testToken"] = token.ToChecksumString();
        if (!string.IsNullOrEmpty(AttestationAuthority)) json["attestationAuthority"] = AttestationAuthority;
        return json.ToJsonString(Indented);
    }

    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, ToJson());
    }

    /// <exception cref="FormatException">The file is missing, not JSON, or a field is missing or malformed (named in the message).</exception>
    public static NetworkDeployment Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FormatException($"The deployment file '{path}' does not exist (start the devnet, or pass the network's deployment file).");
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new FormatException($"The deployment file '{path}' is invalid: {e.Message}", e);
        }
    }

    public static NetworkDeployment Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException("it is not JSON: " + e.Message, e);
        }

        if (root is not JsonObject o) throw new FormatException("it is not a JSON object.");
        var anchor = o["anchor"] as JsonObject ?? throw new FormatException("'anchor' is missing or not an object.");
        var lengths = o["revealLengths"] as JsonArray ?? throw new FormatException("'revealLengths' is missing or not an array.");
        if (lengths.Count != 5) throw new FormatException($"'revealLengths' must have 5 entries (XS, S, M, L, XL), it has {lengths.Count}.");
        var deployment = new NetworkDeployment(
            Number(o, "l1ChainId"),
            Text(o, "l1Endpoint"),
            Number(o, "l2ChainId"),
            AddressOf(o, "networkManagement"),
            AddressOf(o, "rollupManagement"),
            AddressOf(o, "bridge"),
            o["testToken"] is null ? null : AddressOf(o, "testToken"),
            Number(anchor, "number", "anchor.number"),
            HashOf(anchor, "hash", "anchor.hash"),
            HashOf(anchor, "parentHash", "anchor.parentHash"),
            [.. lengths.Select((l, i) => NumberValue(l, $"revealLengths[{i}]"))],
            HashOf(o, "measurement"),
            HashOf(o, "authority"))
        {
            AttestationAuthority = o["attestationAuthority"] is null ? null : Text(o, "attestationAuthority"),
        };
        if (deployment.RevealLengths[0] == 0 || deployment.RevealLengths.Zip(deployment.RevealLengths.Skip(1)).Any(p => p.Second < p.First))
        {
            throw new FormatException("'revealLengths' must be positive and non-decreasing from XS to XL.");
        }

        if (deployment.L2ChainId == deployment.L1ChainId) throw new FormatException("'l2ChainId' must differ from 'l1ChainId', or L1 transactions could be replayed on L2.");
        return deployment;
    }

    private static string Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw new FormatException($"'{name}' is missing or not a non-empty string.");

    private static ulong Number(JsonObject o, string name, string? label = null) => NumberValue(o[name], label ?? name);

    private static ulong NumberValue(JsonNode? node, string label) =>
        node is JsonValue v && v.TryGetValue<ulong>(out var n) ? n : throw new FormatException($"'{label}' is missing or not a non-negative integer.");

    private static Address AddressOf(JsonObject o, string name) =>
        Address.TryParse(Text(o, name), out var address, out var error) ? address : throw new FormatException($"'{name}': {error}");

    private static Hash256 HashOf(JsonObject o, string name, string? label = null)
    {
        var text = o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new FormatException($"'{label ?? name}' is missing or not a string.");
        try
        {
            return Hash256.Parse(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"'{label ?? name}': {e.Message}", e);
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"network on L1 chain {L1ChainId} (NetworkManagement {NetworkManagement.ToChecksumString()}), L2 chain {L2ChainId}");
}
