using Obscuro.Silo;

namespace Obscuro.Grains.Tests;

/// <summary>The configuration one test silo starts with: the same keys an operator sets.</summary>
internal sealed record SiloProfile(SiloRole Role, string Tee, string DataDirectory)
{
    public const string NodeId = "test-node";

    public static SiloProfile Host(string dataDirectory) => new(SiloRole.Host, "none", dataDirectory);

    public static SiloProfile Enclave(string dataDirectory) => new(SiloRole.Enclave, "simulated", dataDirectory);

    public Dictionary<string, string?> ToConfiguration() => new()
    {
        ["Obscuro:NodeId"] = NodeId,
        ["Obscuro:Role"] = Role.ToString().ToLowerInvariant(),
        ["Obscuro:DataDirectory"] = DataDirectory,
        ["Orleans:Metadata:tee"] = Tee,
    };
}
