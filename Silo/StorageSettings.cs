namespace Obscuro.Silo;

/// <summary>Configuration section <c>Obscuro:Storage</c>.</summary>
public sealed class StorageSettings
{
    public const string Memory = "memory";

    /// <summary>Grain storage: <c>memory</c> (devnet and tests; lost when a silo stops). The durable Redis provider is not built yet.</summary>
    public string Provider { get; set; } = Memory;
}
