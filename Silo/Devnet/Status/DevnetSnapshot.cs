namespace Obscuro.Silo.Devnet.Status;

/// <summary>Every node at one moment, with each verifier's agreement with the first aggregator.</summary>
public sealed record DevnetSnapshot(DateTimeOffset Time, IReadOnlyList<NodeSample> Nodes, IReadOnlyDictionary<string, Agreement> Agreements)
{
    public NodeSample? Aggregator => Nodes.FirstOrDefault(n => n.Spec.IsAggregator);

    /// <summary>"agrees", both hashes, or why there is nothing to compare, for a verifier; null for an aggregator.</summary>
    public string? AgreementText(NodeSample node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Spec.IsAggregator) return null;
        if (node.Status is null) return "no answer";
        return Agreements.TryGetValue(node.Spec.NodeId, out var agreement)
            ? agreement.Describe(Aggregator?.Status?.HeadGeneration ?? 0)
            : "no aggregator to compare with";
    }
}
