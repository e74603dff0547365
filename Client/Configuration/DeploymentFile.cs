using Obscuro.Client.Errors;
using Obscuro.Contracts.Deployment;

namespace Obscuro.Client.Configuration;

/// <summary>
/// Finds and reads the deployment file. Its format is <see cref="NetworkDeployment"/> (Contracts/Deployment), the one
/// format the devnet writes to <c>.devnet/deployment.json</c> and silos and wallets read; the client adds no fields of
/// its own. What it does not hold (a node's gateways, node id, cluster and service ids) comes from the command line,
/// with the devnet's values as defaults (<see cref="NodeEndpoint.Devnet"/>).
/// </summary>
public static class DeploymentFile
{
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

    /// <summary>Reads the file; a missing or malformed one is <see cref="NotReadyException"/> naming the problem.</summary>
    public static NetworkDeployment Read(string path)
    {
        try
        {
            return NetworkDeployment.Load(path);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            throw new NotReadyException(e.Message, "Start the devnet (./scripts/devnet.sh), which writes .devnet/deployment.json, or pass --deployment with the network's deployment file.", e);
        }
    }
}
