using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Obscuro.Silo.Tee.Simulated;

/// <summary>
/// Serves a <see cref="SimulatedAttestationAuthority"/> over HTTP with MAA's REST contract: <c>GET
/// /.well-known/openid-configuration</c>, <c>GET /certs</c> and <c>POST /attest/SimulatedVm?api-version=…</c>
/// (body <c>{"report": b64url(JSON), "runtimeData": {"data": b64url(JSON), "dataType": "JSON"}}</c> → <c>{"token"}</c>;
/// errors <c>{"error": {"code", "message"}}</c>). The devnet starts one; tests start one on 127.0.0.1 with port 0.
/// With a certificate it serves HTTPS; without, plain HTTP, which validators accept only on a loopback address.
/// </summary>
public sealed class SimulatedAttestationAuthorityHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatedAttestationAuthorityHost(WebApplication app, SimulatedAttestationAuthority authority, Uri baseUri)
    {
        _app = app;
        Authority = authority;
        BaseUri = baseUri;
    }

    public SimulatedAttestationAuthority Authority { get; }

    /// <summary>The issuer and base URI, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseUri { get; }

    public static async Task<SimulatedAttestationAuthorityHost> StartAsync(
        IPEndPoint endpoint, X509Certificate2? tlsCertificate = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint, listen =>
        {
            if (tlsCertificate is not null)
            {
                listen.UseHttps(tlsCertificate);
            }
        }));
        var app = builder.Build();
        // The issuer names the bound port, so the authority exists only once Kestrel has started; until then (a
        // window of microseconds) requests get 503 rather than a token from an authority with the wrong issuer.
        SimulatedAttestationAuthority? authority = null;
        app.MapGet("/.well-known/openid-configuration", () => authority is null ? NotReady() : Json(authority.OpenIdConfigurationJson()));
        app.MapGet("/certs", () => authority is null ? NotReady() : Json(authority.KeySetJson()));
        app.MapPost($"/attest/{SimulatedAttestationAuthority.EvidenceType}", async (HttpRequest request) =>
        {
            if (authority is null)
            {
                return NotReady();
            }

            if (string.IsNullOrEmpty(request.Query["api-version"]))
            {
                return Error(StatusCodes.Status400BadRequest, "MissingApiVersionParameter", "The api-version query parameter is required.");
            }

            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                var report = Base64UrlField(body.RootElement, "report");
                var runtime = body.RootElement.TryGetProperty("runtimeData", out var r) && r.ValueKind == JsonValueKind.Object ? r : default;
                if (runtime.ValueKind != JsonValueKind.Object || !runtime.TryGetProperty("dataType", out var type) || type.GetString() != "JSON")
                {
                    return Error(StatusCodes.Status400BadRequest, "InvalidParameter", "runtimeData with dataType JSON is required.");
                }

                var token = authority.IssueSimulatedToken(report, Base64UrlField(runtime, "data"));
                return Results.Json(new Dictionary<string, string> { ["token"] = token });
            }
            catch (Exception exception) when (exception is JsonException or FormatException)
            {
                return Error(StatusCodes.Status400BadRequest, "InvalidParameter", exception.Message);
            }
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        authority = new SimulatedAttestationAuthority(baseUri.GetLeftPart(UriPartial.Authority));
        return new SimulatedAttestationAuthorityHost(app, authority, new Uri(authority.Issuer));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Authority.Dispose();
    }

    private static IResult Json(string json) => Results.Content(json, "application/json");

    private static IResult NotReady() => Error(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "The authority is starting.");

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new Dictionary<string, object> { ["error"] = new Dictionary<string, string> { ["code"] = code, ["message"] = message } }, statusCode: status);

    private static byte[] Base64UrlField(JsonElement element, string name)
    {
        var text = element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        return Tee.Azure.Base64Url.Decode(text, $"'{name}'");
    }
}
