namespace Obscuro.Silo.Devnet.Status;

/// <summary>Every node at one moment, with each other node's agreement with the first aggregator.</summary>
public sealed record DevnetSnapshot(DateTimeOffset Time, IReadOnlyList<NodeSample> Nodes, IReadOnlyDictionary<string, Agreement> Agreements)
{
    public NodeSample? Aggregator => Nodes.FirstOrDefault(n => n.Spec.IsAggregator);

    /// <summary>"agrees", both hashes, or why there is nothing to compare, for every node but the first aggregator (null: the reference).</summary>
    public string? AgreementText(NodeSample node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Spec.NodeId == Aggregator?.Spec.NodeId) return null;
        if (node.Status is null) return "no answer";
        return Agreements.TryGetValue(node.Spec.NodeId, out var agreement)
            ? agreement.Describe(Aggregator?.Status?.HeadGeneration ?? 0)
            : "no aggregator to compare with";
    }
}
