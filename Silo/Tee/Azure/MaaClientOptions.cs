using global::Azure.Core;

namespace Obscuro.Silo.Tee.Azure;

/// <summary>Options of <see cref="MaaClient"/>: the REST api-version, plus retries and transport from Azure.Core.</summary>
public sealed class MaaClientOptions : ClientOptions
{
    public const string DefaultApiVersion = "2025-06-01";

    public string ApiVersion { get; set; } = DefaultApiVersion;
}
