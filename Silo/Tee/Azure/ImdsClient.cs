using System.Text.Json;
using global::Azure.Core;
using global::Azure.Core.Pipeline;

namespace Obscuro.Silo.Tee.Azure;

/// <summary>
/// The two Azure Instance Metadata Service calls attestation needs, on Azure.Core (retries from
/// <see cref="ImdsClientOptions"/>): the SEV-SNP VCEK chain (<c>GET /metadata/THIM/amd/certification</c>) and a TDX
/// quote for a TDREPORT (<c>POST /acc/tdquote</c>). Every request carries <c>Metadata: true</c>, which IMDS requires
/// (it refuses requests without it, so a forwarded request from a web page cannot reach it). The base URI is
/// configurable so tests run this client unchanged against a local fake.
/// </summary>
public sealed class ImdsClient
{
    private static readonly Dictionary<string, string> MetadataHeader = new(StringComparer.Ordinal) { ["Metadata"] = "true" };

    private readonly Uri _endpoint;
    private readonly JsonRestPipeline _rest;

    public ImdsClient(Uri? endpoint = null, ImdsClientOptions? options = null)
    {
        options ??= new ImdsClientOptions();
        options.Diagnostics.IsLoggingContentEnabled = false;
        _endpoint = endpoint ?? ImdsClientOptions.DefaultEndpoint;
        _rest = new JsonRestPipeline(HttpPipelineBuilder.Build(options), "IMDS");
    }

    public async Task<ThimCertification> GetVcekCertificationAsync(CancellationToken cancellationToken)
    {
        using var reply = await _rest.SendAsync(
            RequestMethod.Get, new Uri(_endpoint, "/metadata/THIM/amd/certification"), null, "THIM certification", MetadataHeader, cancellationToken).ConfigureAwait(false);
        var root = reply.RootElement;
        var vcek = RequiredString(root, "vcekCert", "THIM certification");
        var chain = RequiredString(root, "certificateChain", "THIM certification");
        var tcbm = root.TryGetProperty("tcbm", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return new ThimCertification(vcek, chain, tcbm);
    }

    /// <summary>Turns a 1024-byte TDREPORT (from the HCL report) into a signed TDX quote.</summary>
    public async Task<byte[]> GetTdQuoteAsync(ReadOnlyMemory<byte> tdReport, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["report"] = Base64Url.Encode(tdReport.Span) });
        using var reply = await _rest.SendAsync(
            RequestMethod.Post, new Uri(_endpoint, "/acc/tdquote"), body, "TD quote", MetadataHeader, cancellationToken).ConfigureAwait(false);
        try
        {
            return Base64Url.Decode(RequiredString(reply.RootElement, "quote", "TD quote"), "The TD quote");
        }
        catch (FormatException exception)
        {
            throw new AzureServiceException("IMDS TD quote: the quote is not base64url.", exception);
        }
    }

    internal static string RequiredString(JsonElement root, string name, string operation)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(value.GetString()))
        {
            throw new AzureServiceException($"{operation}: the reply has no \"{name}\" string.");
        }

        return value.GetString()!;
    }
}
