using System.Text;
using System.Text.Json;
using global::Azure.Core;
using global::Azure.Core.Pipeline;

namespace Obscuro.Silo.Tee.Azure;

/// <summary>
/// A thin client of Microsoft Azure Attestation's attest endpoints, which need no Entra token:
/// <list type="bullet">
/// <item><c>POST {endpoint}/attest/SevSnpVm?api-version=…</c> with
/// <c>{"report": b64url(JSON {"SnpReport": b64url(report), "VcekCertChain": b64url(PEM)}), "runtimeData": {"data":
/// b64url(HCL runtime JSON), "dataType": "JSON"}, "nonce": …}</c>;</item>
/// <item><c>POST {endpoint}/attest/TdxVm?api-version=…</c> with <c>{"quote": b64url(quote), "runtimeData": {…},
/// "nonce": …}</c>;</item>
/// <item><c>POST {endpoint}/attest/SimulatedVm?api-version=…</c>, the devnet authority's own evidence type, same
/// shape as SevSnpVm with a simulated report;</item>
/// </list>
/// each answering <c>{"token": JWT}</c>. The token is not trusted here: callers validate it with
/// <see cref="Grains.Attestation.AttestationTokenValidator"/>.
/// </summary>
public sealed class MaaClient
{
    private readonly Uri _endpoint;
    private readonly string _apiVersion;
    private readonly JsonRestPipeline _rest;

    public MaaClient(Uri endpoint, MaaClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new MaaClientOptions();
        options.Diagnostics.IsLoggingContentEnabled = false;
        _endpoint = endpoint;
        _apiVersion = options.ApiVersion;
        _rest = new JsonRestPipeline(HttpPipelineBuilder.Build(options), "Azure Attestation");
    }

    public Uri Endpoint => _endpoint;

    public Task<string> AttestSevSnpVmAsync(ReadOnlyMemory<byte> snpReport, string vcekCertChainPem, ReadOnlyMemory<byte> runtimeData, string? nonce, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(vcekCertChainPem);
        var report = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["SnpReport"] = Base64Url.Encode(snpReport.Span),
            ["VcekCertChain"] = Base64Url.Encode(Encoding.UTF8.GetBytes(vcekCertChainPem)),
        });
        return AttestAsync("SevSnpVm", "report", report, runtimeData, nonce, cancellationToken);
    }

    public Task<string> AttestTdxVmAsync(ReadOnlyMemory<byte> quote, ReadOnlyMemory<byte> runtimeData, string? nonce, CancellationToken cancellationToken) =>
        AttestAsync("TdxVm", "quote", quote.ToArray(), runtimeData, nonce, cancellationToken);

    /// <summary>Devnet only: the simulated authority's evidence, a JSON report the simulated TEE writes itself.</summary>
    public Task<string> AttestSimulatedVmAsync(ReadOnlyMemory<byte> simulatedReport, ReadOnlyMemory<byte> runtimeData, string? nonce, CancellationToken cancellationToken) =>
        AttestAsync("SimulatedVm", "report", simulatedReport.ToArray(), runtimeData, nonce, cancellationToken);

    private async Task<string> AttestAsync(
        string evidenceType, string evidenceField, byte[] evidence, ReadOnlyMemory<byte> runtimeData, string? nonce, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            [evidenceField] = Base64Url.Encode(evidence),
            ["runtimeData"] = new Dictionary<string, string> { ["data"] = Base64Url.Encode(runtimeData.Span), ["dataType"] = "JSON" },
        };
        if (nonce is not null)
        {
            body["nonce"] = nonce;
        }

        var uri = new Uri($"{_endpoint.AbsoluteUri.TrimEnd('/')}/attest/{evidenceType}?api-version={Uri.EscapeDataString(_apiVersion)}");
        using var reply = await _rest.SendAsync(
            RequestMethod.Post, uri, JsonSerializer.SerializeToUtf8Bytes(body), $"attest/{evidenceType}", null, cancellationToken).ConfigureAwait(false);
        return ImdsClient.RequiredString(reply.RootElement, "token", $"Azure Attestation attest/{evidenceType}");
    }
}
