using System.Text.Json;
using System.Text.Json.Nodes;
using Obscuro.Client.Errors;

namespace Obscuro.Client.Configuration;

/// <summary>
/// <c>nodes.json</c>: the nodes of a running devnet, written by the devnet beside its deployment file (so whatever finds
/// the deployment file finds the nodes too) and read by wallets to choose a node by id, or the first aggregator.
/// </summary>
public static class NodesFile
{
    public const string FileName = "nodes.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Where the nodes of the network described by <paramref name="deploymentFile"/> are listed.</summary>
    public static string Beside(string deploymentFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(deploymentFile);
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(deploymentFile))!, FileName);
    }

    /// <summary>The listing beside the deployment file, or null when there is none (a network that is not a devnet).</summary>
    public static IReadOnlyList<NodeListing>? TryReadBeside(string deploymentFile)
    {
        var path = Beside(deploymentFile);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>Writes the listing so that a reader never sees half a file (the devnet rewrites it while wallets read).</summary>
    public static void Write(string path, IEnumerable<NodeListing> nodes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(nodes);
        var document = new JsonObject
        {
            ["nodes"] = new JsonArray([.. nodes.Select(n => (JsonNode)new JsonObject
            {
                ["id"] = n.Id,
                ["role"] = n.Role,
                ["genesis"] = n.IsGenesis,
                ["clusterId"] = n.ClusterId,
                ["serviceId"] = n.ServiceId,
                ["gateways"] = new JsonArray([.. n.Gateways.Select(g => (JsonNode)JsonValue.Create(g.ToString()))]),
            })]),
        };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, document.ToJsonString(Indented));
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Reads the listing; a missing or malformed file is a <see cref="NotReadyException"/> naming the problem.</summary>
    public static IReadOnlyList<NodeListing> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is FormatException or JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or InputFormatException)
        {
            throw new NotReadyException($"The node list '{path}' is unreadable: {e.Message}", "Restart the devnet (./scripts/devnet.sh), which writes it, or pass --node with a node's gateways (host:port).", e);
        }
    }

    /// <summary>
    /// The node named <paramref name="id"/>, or with no id the first aggregator (the node a wallet submits to).
    /// An unknown id is a usage error listing the known ones.
    /// </summary>
    public static NodeListing Select(IReadOnlyList<NodeListing> nodes, string? id)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (string.IsNullOrWhiteSpace(id))
        {
            return nodes.FirstOrDefault(n => n.IsAggregator) ?? (nodes.Count > 0 ? nodes[0] : null)
                ?? throw new NotReadyException("The devnet lists no nodes.", "Restart the devnet (./scripts/devnet.sh).");
        }

        return nodes.FirstOrDefault(n => string.Equals(n.Id, id.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InputFormatException(
                $"The devnet has no node '{id.Trim()}'.",
                $"Known nodes: {string.Join(", ", nodes.Select(n => n.Id))}; or give a node's gateways as host:port.");
    }

    private static List<NodeListing> Parse(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject root || root["nodes"] is not JsonArray nodes)
        {
            throw new FormatException("it has no 'nodes' array.");
        }

        var listed = new List<NodeListing>();
        foreach (var node in nodes)
        {
            if (node is not JsonObject o)
            {
                throw new FormatException("a node is not a JSON object.");
            }

            var gateways = o["gateways"] as JsonArray ?? throw new FormatException("a node has no 'gateways' array.");
            listed.Add(new NodeListing(
                Text(o, "id"),
                Text(o, "role"),
                o["genesis"] is JsonValue genesis && genesis.TryGetValue<bool>(out var isGenesis) && isGenesis,
                Text(o, "clusterId"),
                Text(o, "serviceId"),
                [.. gateways.Select(g => GatewayAddress.Parse(g?.GetValue<string>() ?? string.Empty))]));
        }

        return listed;
    }

    private static string Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw new FormatException($"'{name}' of a node is missing or not a non-empty string.");
}
