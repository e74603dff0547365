using global::Azure.Core;

namespace Obscuro.Silo.Tee.Azure;

/// <summary>Options of <see cref="ImdsClient"/>: retries and transport from Azure.Core.</summary>
public sealed class ImdsClientOptions : ClientOptions
{
    /// <summary>The Azure Instance Metadata Service, reachable only from inside an Azure VM.</summary>
    public static readonly Uri DefaultEndpoint = new("http://169.254.169.254");
}
