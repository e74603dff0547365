using Obscuro.Grains.Node;

namespace Obscuro.Silo.Devnet.Status;

/// <summary>One node at one moment: its status (null when it did not answer, with <see cref="Error"/> saying why) and its recent throughput.</summary>
public sealed record NodeSample(DevnetNodeSpec Spec, NodeStatus? Status, string? Error, double TransactionsPerSecond);
