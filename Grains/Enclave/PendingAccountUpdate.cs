using Obscuro.Grains.Node;

namespace Obscuro.Grains.Enclave;

/// <summary>An update for the account grain with key <see cref="GrainKey"/>, kept (sealed) until the next ingest so a crash cannot lose it.</summary>
[GenerateSerializer]
[Alias("Obscuro.PendingAccountUpdate")]
public sealed record PendingAccountUpdate([property: Id(0)] string GrainKey, [property: Id(1)] AccountUpdate Update);
