using Microsoft.Extensions.Configuration;
using Obscuro.Contracts.Deployment;
using Obscuro.Grains.Host;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Node;

/// <summary>
/// The node configuration of one silo, read and checked at start-up (every mistake reported at once, none of them
/// echoing the operator key):
/// <list type="bullet">
/// <item><c>Obscuro:L1:Endpoint</c> gives the host grains an L1 node;</item>
/// <item><c>Obscuro:Operator:PrivateKey</c> or <c>…:PrivateKeyFile</c> gives the publisher the operator account;</item>
/// <item><c>Obscuro:Network:DeploymentFile</c> makes the silo run the node: it then needs the other two, and
/// <c>Obscuro:Node:Type</c> and the registration values.</item>
/// </list>
/// None of it belongs on an enclave-only silo, which has no L1 access and must never hold the operator key.
/// </summary>
public sealed class NodeConfiguration
{
    private NodeConfiguration(Uri? endpoint, L1Settings l1, OperatorAccount? operatorAccount, NetworkDeployment? deployment, NodeSettings node, RegistrationSettings? registration)
    {
        Endpoint = endpoint;
        L1 = l1;
        Operator = operatorAccount;
        Deployment = deployment;
        Node = node;
        Registration = registration;
    }

    public Uri? Endpoint { get; }

    public L1Settings L1 { get; }

    public OperatorAccount? Operator { get; }

    /// <summary>Present when this silo runs the node.</summary>
    public NetworkDeployment? Deployment { get; }

    public NodeSettings Node { get; }

    public RegistrationSettings? Registration { get; }

    public bool RunsNode => Deployment is not null;

    public bool IsAggregator => string.Equals(Node.Type, NodeSettings.Aggregator, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <c>Obscuro:L1</c>, <c>Obscuro:Operator</c>, <c>Obscuro:Network</c> and <c>Obscuro:Node</c>; adds each problem to <paramref name="errors"/>.</summary>
    public static NodeConfiguration Read(IConfiguration configuration, SiloRole role, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(errors);
        var l1 = configuration.GetSection("Obscuro:L1").Get<L1Settings>() ?? new L1Settings();
        var operatorSettings = configuration.GetSection("Obscuro:Operator").Get<OperatorSettings>() ?? new OperatorSettings();
        var deploymentFile = configuration["Obscuro:Network:DeploymentFile"];
        var node = configuration.GetSection("Obscuro:Node").Get<NodeSettings>() ?? new NodeSettings();
        var hasOperator = !string.IsNullOrEmpty(operatorSettings.PrivateKey) || !string.IsNullOrEmpty(operatorSettings.PrivateKeyFile);

        if (role == SiloRole.Enclave)
        {
            if (hasOperator)
            {
                errors.Add("Obscuro:Operator must not be configured on an enclave silo (Obscuro:Role 'enclave'): the operator key belongs on host silos only.");
            }

            if (!string.IsNullOrEmpty(l1.Endpoint) || !string.IsNullOrEmpty(deploymentFile))
            {
                errors.Add("Obscuro:L1 and Obscuro:Network are host settings; an enclave silo (Obscuro:Role 'enclave') reaches L1 only through the host's grains.");
            }

            return new NodeConfiguration(null, l1, null, null, node, null);
        }

        NetworkDeployment? deployment = null;
        if (!string.IsNullOrEmpty(deploymentFile))
        {
            try
            {
                deployment = NetworkDeployment.Load(deploymentFile);
            }
            catch (FormatException e)
            {
                errors.Add($"Obscuro:Network:DeploymentFile: {e.Message}");
            }

            // The deployment file names the L1 endpoint it was deployed through; Obscuro:L1:Endpoint overrides it.
            if (string.IsNullOrEmpty(l1.Endpoint) && deployment is not null)
            {
                l1.Endpoint = deployment.L1Endpoint;
            }
        }

        var endpoint = ReadEndpoint(l1, errors);
        if (l1.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"Obscuro:L1:RequestTimeout must be positive, got {l1.RequestTimeout}.");
        }

        var operatorAccount = hasOperator ? OperatorKeyReader.Read(operatorSettings, errors) : null;
        if (operatorAccount is not null && endpoint is null && string.IsNullOrEmpty(l1.Endpoint))
        {
            errors.Add("Obscuro:Operator is configured but Obscuro:L1:Endpoint is not: the operator account sends through the L1 node.");
        }

        RegistrationSettings? registration = null;
        if (!string.IsNullOrEmpty(deploymentFile))
        {
            if (string.IsNullOrEmpty(l1.Endpoint))
            {
                errors.Add("Obscuro:L1:Endpoint is required to run the node (Obscuro:Network:DeploymentFile is set).");
            }

            if (!hasOperator)
            {
                errors.Add("An operator key is required to run the node: set Obscuro:Operator:PrivateKey (e.g. environment Obscuro__Operator__PrivateKey) or Obscuro:Operator:PrivateKeyFile.");
            }

            if (deployment is not null && l1.ChainId is { } chainId && chainId != deployment.L1ChainId)
            {
                errors.Add($"Obscuro:L1:ChainId is {chainId} but the deployment file's l1ChainId is {deployment.L1ChainId}.");
            }

            ReadNodeOptions(node, errors);
            if (deployment is not null)
            {
                registration = RegistrationReader.Read(node, deployment, errors);
            }
        }

        return new NodeConfiguration(endpoint, l1, operatorAccount, deployment, node, registration);
    }

    /// <summary>The enclave's network settings, once the L1 chain id and the anchor's parent hash are read from the L1 node.</summary>
    public NetworkSettings ToSettings(ulong chainId, L1BlockNotice anchor)
    {
        var deployment = Deployment ?? throw new InvalidOperationException("This silo does not run the node (no Obscuro:Network:DeploymentFile).");
        return new NetworkSettings(
            chainId,
            deployment.NetworkManagement,
            deployment.RollupManagement,
            deployment.Bridge,
            anchor,
            deployment.L2ChainId,
            [.. deployment.RevealLengths],
            IsAggregator,
            Node.GenesisNode,
            Operator!.Address,
            Registration!);
    }

    private static Uri? ReadEndpoint(L1Settings l1, List<string> errors)
    {
        if (string.IsNullOrEmpty(l1.Endpoint))
        {
            return null;
        }

        if (!Uri.TryCreate(l1.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            // Only the scheme and authority: a hosted node's path or query may carry an API key.
            var shown = Uri.TryCreate(l1.Endpoint, UriKind.Absolute, out var parsed) ? parsed.GetLeftPart(UriPartial.Authority) : "(not a URI)";
            errors.Add($"Obscuro:L1:Endpoint must be an absolute http or https URI, got {shown}.");
            return null;
        }

        return endpoint;
    }

    private static void ReadNodeOptions(NodeSettings node, List<string> errors)
    {
        if (!string.Equals(node.Type, NodeSettings.Aggregator, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(node.Type, NodeSettings.Verifier, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Obscuro:Node:Type must be '{NodeSettings.Aggregator}' or '{NodeSettings.Verifier}', got '{node.Type}'.");
        }

        if (node.PollIntervalMilliseconds < 10)
        {
            errors.Add($"Obscuro:Node:PollIntervalMilliseconds must be at least 10, got {node.PollIntervalMilliseconds}.");
        }

        if (node.MaxReorgDepth < 1)
        {
            errors.Add($"Obscuro:Node:MaxReorgDepth must be at least 1, got {node.MaxReorgDepth}.");
        }

        if (node.MempoolCapacity < 1)
        {
            errors.Add($"Obscuro:Node:MempoolCapacity must be at least 1, got {node.MempoolCapacity}.");
        }

        if (node.MaxRollupTransactions < 0)
        {
            errors.Add($"Obscuro:Node:MaxRollupTransactions must not be negative, got {node.MaxRollupTransactions}.");
        }

        if (node.L1Confirmations < 1)
        {
            errors.Add($"Obscuro:Node:L1Confirmations must be at least 1, got {node.L1Confirmations}.");
        }
    }
}
