namespace Obscuro.Silo.Devnet.Demo;

/// <summary>One thing the demo workload did, or failed to do.</summary>
public sealed record DemoEvent(DateTimeOffset Time, string Text, bool IsError);
