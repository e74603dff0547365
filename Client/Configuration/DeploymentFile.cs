using System.Globalization;
using System.Text;
using System.Text.Json;
using Obscuro.Client.Errors;
using Obscuro.Contracts.Deployment;
using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Configuration;

/// <summary>
/// The deployment file, the one place its JSON schema is defined. The devnet writes it to <c>.devnet/deployment.json</c>
/// after deploying the management contracts and starting its nodes; wallets read it. Version 1:
/// <code>
/// {
///   "format": "obscuro-deployment",
///   "version": 1,
///   "l1": { "chainId": 31337, "rpc": "http://127.0.0.1:8545" },
///   "l2": { "chainId": 443 },
///   "contracts": {
///     "networkManagement": "0x…", "rollupManagement": "0x…", "bridge": "0x…",
///     "testToken": "0x…"                          optional: null or absent outside devnets
///   },
///   "deploymentBlock": { "number": 5, "hash": "0x…", "parentHash": "0x…" },
///   "nodes": [
///     { "id": "node-0", "clusterId": "obscuro-devnet", "serviceId": "obscuro", "gateways": ["127.0.0.1:30000"] }
///   ]
/// }
/// </code>
/// <c>contracts</c> and <c>deploymentBlock</c> are <see cref="ManagementContractAddresses"/> (the deployer's result);
/// <c>l2.chainId</c> is the chain id L2 transactions are signed for; each node is a <see cref="NodeEndpoint"/>.
/// Unknown properties are ignored, so later versions may add some; a change of meaning bumps the version.
/// </summary>
public static class DeploymentFile
{
    public const string FormatName = "obscuro-deployment";
    public const int Version = 1;

    /// <summary>Environment variable naming the deployment file.</summary>
    public const string PathVariable = "OBSCURO_DEPLOYMENT";

    /// <summary>Where the devnet writes it, relative to the repository root.</summary>
    public static readonly string DevnetRelativePath = Path.Combine(".devnet", "deployment.json");

    /// <summary>
    /// <c>$OBSCURO_DEPLOYMENT</c>, else the first <c>.devnet/deployment.json</c> in the working directory or above it
    /// (so commands run anywhere inside the repository find the running devnet); null when there is none.
    /// </summary>
    /// <param name="workingDirectory">Where to start looking; the process's working directory when null.</param>
    /// <param name="getVariable">Reads environment variables; the process's environment when null.</param>
    public static string? FindDefault(string? workingDirectory = null, Func<string, string?>? getVariable = null)
    {
        if ((getVariable ?? Environment.GetEnvironmentVariable)(PathVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(workingDirectory ?? Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, DevnetRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static NetworkDeployment Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotReadyException($"Cannot read the deployment file {path}: {e.Message}", "Start the devnet (./scripts/devnet.sh), which writes it, or pass --deployment with the network's deployment file.", e);
        }

        return Parse(json, path);
    }

    public static NetworkDeployment Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("format", out var format) || format.GetString() != FormatName)
            {
                throw Invalid(source, $"it is not an {FormatName} file");
            }

            var version = root.GetProperty("version").GetInt32();
            if (version != Version)
            {
                throw Invalid(source, $"it is version {version}; this obscuro reads version {Version}");
            }

            var l1 = root.GetProperty("l1");
            var contracts = root.GetProperty("contracts");
            var block = root.GetProperty("deploymentBlock");
            var rpc = new Uri(l1.GetProperty("rpc").GetString() ?? string.Empty, UriKind.Absolute);
            Address? testToken = contracts.TryGetProperty("testToken", out var token) && token.ValueKind == JsonValueKind.String
                ? Address.Parse(token.GetString()!)
                : null;
            var addresses = new ManagementContractAddresses(
                l1.GetProperty("chainId").GetUInt64(),
                Address.Parse(contracts.GetProperty("networkManagement").GetString()!),
                Address.Parse(contracts.GetProperty("rollupManagement").GetString()!),
                Address.Parse(contracts.GetProperty("bridge").GetString()!),
                testToken,
                new L1BlockRef(
                    Hash256.Parse(block.GetProperty("hash").GetString()!),
                    Hash256.Parse(block.GetProperty("parentHash").GetString()!),
                    block.GetProperty("number").GetUInt64()));
            var nodes = root.GetProperty("nodes").EnumerateArray().Select(node => new NodeEndpoint(
                node.GetProperty("id").GetString()!,
                node.GetProperty("clusterId").GetString()!,
                node.GetProperty("serviceId").GetString()!,
                node.GetProperty("gateways").EnumerateArray().Select(g => GatewayAddress.Parse(g.GetString()!)).ToList())).ToList();
            return new NetworkDeployment(addresses, rpc, root.GetProperty("l2").GetProperty("chainId").GetUInt64(), nodes);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or InputFormatException)
        {
            throw Invalid(source, e.Message, e);
        }
    }

    public static string Serialize(NetworkDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var contracts = deployment.Contracts;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("version", Version);
            json.WriteStartObject("l1");
            json.WriteNumber("chainId", contracts.ChainId);
            json.WriteString("rpc", deployment.L1Rpc.ToString());
            json.WriteEndObject();
            json.WriteStartObject("l2");
            json.WriteNumber("chainId", deployment.L2ChainId);
            json.WriteEndObject();
            json.WriteStartObject("contracts");
            json.WriteString("networkManagement", contracts.NetworkManagement.ToChecksumString());
            json.WriteString("rollupManagement", contracts.RollupManagement.ToChecksumString());
            json.WriteString("bridge", contracts.Bridge.ToChecksumString());
            if (contracts.TestToken is { } token)
            {
                json.WriteString("testToken", token.ToChecksumString());
            }
            else
            {
                json.WriteNull("testToken");
            }

            json.WriteEndObject();
            json.WriteStartObject("deploymentBlock");
            json.WriteNumber("number", contracts.DeploymentBlock.Number);
            json.WriteString("hash", contracts.DeploymentBlock.Hash.ToString());
            json.WriteString("parentHash", contracts.DeploymentBlock.ParentHash.ToString());
            json.WriteEndObject();
            json.WriteStartArray("nodes");
            foreach (var node in deployment.Nodes)
            {
                json.WriteStartObject();
                json.WriteString("id", node.Id);
                json.WriteString("clusterId", node.ClusterId);
                json.WriteString("serviceId", node.ServiceId);
                json.WriteStartArray("gateways");
                foreach (var gateway in node.Gateways)
                {
                    json.WriteStringValue(gateway.ToString());
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the file (creating its directory), replacing an older one in one step.</summary>
    public static void Write(string path, NetworkDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
        File.WriteAllText(temporary, Serialize(deployment));
        File.Move(temporary, full, overwrite: true);
    }

    private static NotReadyException Invalid(string source, string why, Exception? inner = null) =>
        new($"{source} is not a valid deployment file: {why}.", "Use the file the devnet wrote (.devnet/deployment.json) or the one your network publishes.", inner);
}
