namespace Obscuro.Grains.Node;

/// <summary>Stream namespaces on the <c>L1</c> memory stream provider.</summary>
public static class StreamNamespaces
{
    /// <summary>L1 block notices of one node (stream key: node id).</summary>
    public const string L1Blocks = "l1-blocks";
}
