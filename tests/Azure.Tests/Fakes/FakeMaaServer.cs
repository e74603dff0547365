using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Obscuro.Grains.Attestation;
using Obscuro.Silo.Tee.Simulated;

namespace Obscuro.Azure.Tests.Fakes;

/// <summary>
/// An MAA-like issuer on https://127.0.0.1: <c>/.well-known/openid-configuration</c>, <c>/certs</c> (JWKS with x5c),
/// <c>POST /attest/SevSnpVm</c> and <c>/attest/TdxVm</c> with the real request shapes and error bodies. It checks
/// what MAA checks that can be checked without AMD/Intel roots (body shape, the runtime-data hash in REPORT_DATA) and
/// answers with a signed token whose claims come from the posted evidence.
/// </summary>
internal sealed class FakeMaaServer : IAsyncDisposable
{
    public const string VmId = "5f0c3a7e-1111-4a2b-9c3d-0123456789ab";

    private readonly WebApplication _app;
    private int _keySetRequests;
    private int _attestRequests;

    private FakeMaaServer(WebApplication app, Uri baseUri, SimulatedAttestationAuthority authority)
    {
        _app = app;
        BaseUri = baseUri;
        Authority = authority;
    }

    public Uri BaseUri { get; }

    public string Issuer => Authority.Issuer;

    public SimulatedAttestationAuthority Authority { get; }

    public int KeySetRequests => _keySetRequests;

    public int AttestRequests => _attestRequests;

    public string? LastAttestBody { get; private set; }

    public static async Task<FakeMaaServer> StartAsync()
    {
        FakeMaaServer? server = null;
        var (app, baseUri) = await LoopbackServer.StartAsync(
            web =>
            {
                web.MapGet("/.well-known/openid-configuration", () => Results.Content(server!.Authority.OpenIdConfigurationJson(), "application/json"));
                web.MapGet("/certs", () =>
                {
                    Interlocked.Increment(ref server!._keySetRequests);
                    return Results.Content(server.Authority.KeySetJson(), "application/json");
                });
                web.MapPost("/attest/SevSnpVm", (HttpRequest request) => server!.AttestAsync(request, snp: true));
                web.MapPost("/attest/TdxVm", (HttpRequest request) => server!.AttestAsync(request, snp: false));
            },
            TestPki.LoopbackTls);
        server = new FakeMaaServer(app, baseUri, new SimulatedAttestationAuthority(baseUri.GetLeftPart(UriPartial.Authority)));
        return server;
    }

    /// <summary>Signs a token with arbitrary claims (for tests of the validator's claim checks).</summary>
    public string Issue(IReadOnlyDictionary<string, JsonElement> claims) => Authority.IssueToken(claims);

    /// <summary>The claims a valid SEV-SNP CVM token has, binding <paramref name="userData"/>.</summary>
    public static Dictionary<string, JsonElement> SevSnpClaims(byte[] measurement, byte[] userData, bool debuggable = false) => new()
    {
        [AttestationClaimNames.AttestationType] = JsonSerializer.SerializeToElement("sevsnpvm"),
        [AttestationClaimNames.ComplianceStatus] = JsonSerializer.SerializeToElement("azure-compliant-cvm"),
        [AttestationClaimNames.SevSnpLaunchMeasurement] = JsonSerializer.SerializeToElement(Convert.ToHexStringLower(measurement)),
        [AttestationClaimNames.SevSnpIsDebuggable] = JsonSerializer.SerializeToElement(debuggable),
        [AttestationClaimNames.VmId] = JsonSerializer.SerializeToElement(VmId),
        [AttestationClaimNames.PolicyHash] = JsonSerializer.SerializeToElement("fake-policy-hash"),
        [AttestationClaimNames.Runtime] = JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["keys"] = Array.Empty<object>(),
            ["user-data"] = Convert.ToHexString(userData),
        }),
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Authority.Dispose();
    }

    private async Task<IResult> AttestAsync(HttpRequest request, bool snp)
    {
        Interlocked.Increment(ref _attestRequests);
        if (string.IsNullOrEmpty(request.Query["api-version"]))
        {
            return Error(400, "MissingApiVersionParameter", "The api-version query parameter is required.");
        }

        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        LastAttestBody = body;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var runtimeData = root.GetProperty("runtimeData");
            if (runtimeData.GetProperty("dataType").GetString() != "JSON")
            {
                return Error(400, "InvalidParameter", "runtimeData.dataType must be JSON.");
            }

            var runtime = Decode(runtimeData.GetProperty("data").GetString());
            byte[] measurement;
            bool debuggable;
            if (snp)
            {
                using var reportJson = JsonDocument.Parse(Decode(root.GetProperty("report").GetString()));
                var report = Decode(reportJson.RootElement.GetProperty("SnpReport").GetString());
                var chain = Encoding.UTF8.GetString(Decode(reportJson.RootElement.GetProperty("VcekCertChain").GetString()));
                if (report.Length != 1184 || !chain.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
                {
                    return Error(400, "InvalidParameter", "SnpReport must be 1184 bytes and VcekCertChain PEM certificates.");
                }

                if (!SHA256.HashData(runtime).AsSpan().SequenceEqual(report.AsSpan(0x50, 32)))
                {
                    return Error(400, "InvalidParameter", "The runtime data hash does not match REPORT_DATA.");
                }

                measurement = report[0x90..0xC0];
                debuggable = (BinaryPrimitives.ReadUInt64LittleEndian(report.AsSpan(8)) & (1UL << 19)) != 0;
            }
            else
            {
                var quote = Decode(root.GetProperty("quote").GetString());
                if (quote.Length != FakeImdsServer.QuotePrefix.Length + 1024 || !quote.AsSpan().StartsWith(FakeImdsServer.QuotePrefix))
                {
                    return Error(400, "InvalidParameter", "The quote is not a TDX quote.");
                }

                var tdReport = quote[FakeImdsServer.QuotePrefix.Length..];
                if (!SHA256.HashData(runtime).AsSpan().SequenceEqual(tdReport.AsSpan(128, 32)))
                {
                    return Error(400, "InvalidParameter", "The runtime data hash does not match REPORTDATA.");
                }

                measurement = tdReport[528..576];
                debuggable = (BinaryPrimitives.ReadUInt64LittleEndian(tdReport.AsSpan(512)) & 1UL) != 0;
            }

            using var runtimeJson = JsonDocument.Parse(runtime);
            var profile = snp ? AttestationProfile.SevSnpVm : AttestationProfile.TdxVm;
            var token = Authority.IssueToken(new Dictionary<string, JsonElement>
            {
                [AttestationClaimNames.AttestationType] = JsonSerializer.SerializeToElement(profile.AttestationType),
                [AttestationClaimNames.ComplianceStatus] = JsonSerializer.SerializeToElement(profile.ComplianceStatus),
                [profile.MeasurementClaim] = JsonSerializer.SerializeToElement(Convert.ToHexStringLower(measurement)),
                [profile.DebuggableClaim] = JsonSerializer.SerializeToElement(debuggable),
                [AttestationClaimNames.VmId] = JsonSerializer.SerializeToElement(VmId),
                [AttestationClaimNames.Runtime] = runtimeJson.RootElement.Clone(),
            });
            return Results.Json(new Dictionary<string, string> { ["token"] = token });
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return Error(400, "InvalidParameter", "The request body does not have the expected shape.");
        }
    }

    private static byte[] Decode(string? text) =>
        text is not null && !text.Contains('=', StringComparison.Ordinal) ? System.Buffers.Text.Base64Url.DecodeFromChars(text) : throw new FormatException("not base64url");

    internal static IResult Error(int status, string code, string message) =>
        Results.Json(new Dictionary<string, object> { ["error"] = new Dictionary<string, string> { ["code"] = code, ["message"] = message } }, statusCode: status);
}
