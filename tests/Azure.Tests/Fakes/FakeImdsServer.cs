using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Obscuro.Azure.Tests.Fakes;

/// <summary>
/// An IMDS-like server on http://127.0.0.1 (IMDS is plain HTTP on a link-local address): THIM's AMD certification and
/// the TDX quote endpoint, both refusing requests without <c>Metadata: true</c> as IMDS does.
/// </summary>
internal sealed class FakeImdsServer : IAsyncDisposable
{
    public static readonly byte[] QuotePrefix = "FAKEQUOTE-v1"u8.ToArray();

    public const string VcekPem = "-----BEGIN CERTIFICATE-----\nVkNFSw==\n-----END CERTIFICATE-----\n";
    public const string ChainPem = "-----BEGIN CERTIFICATE-----\nQVNL\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nQVJL\n-----END CERTIFICATE-----\n";

    private readonly WebApplication _app;

    private FakeImdsServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<FakeImdsServer> StartAsync()
    {
        var (app, baseUri) = await LoopbackServer.StartAsync(
            web =>
            {
                web.MapGet("/metadata/THIM/amd/certification", (HttpRequest request) => MetadataHeader(request) ?? Results.Json(new Dictionary<string, string>
                {
                    ["vcekCert"] = VcekPem,
                    ["certificateChain"] = ChainPem,
                    ["tcbm"] = "DB18000000000004",
                }));
                web.MapPost("/acc/tdquote", async (HttpRequest request) =>
                {
                    if (MetadataHeader(request) is { } refused)
                    {
                        return refused;
                    }

                    using var body = await JsonDocument.ParseAsync(request.Body);
                    var report = System.Buffers.Text.Base64Url.DecodeFromChars(body.RootElement.GetProperty("report").GetString());
                    if (report.Length != 1024)
                    {
                        return FakeMaaServer.Error(400, "BadRequest", "report must be a 1024-byte TDREPORT");
                    }

                    return Results.Json(new Dictionary<string, string> { ["quote"] = System.Buffers.Text.Base64Url.EncodeToString([.. QuotePrefix, .. report]) });
                });
            },
            tls: null);
        return new FakeImdsServer(app, baseUri);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IResult? MetadataHeader(HttpRequest request) =>
        request.Headers["Metadata"] == "true" ? null : FakeMaaServer.Error(400, "BadRequest", "Required metadata header not specified");
}
