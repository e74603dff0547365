using System.Text;
using System.Text.Json;
using Obscuro.Azure.Tests.Fakes;
using Obscuro.Silo.Tee.Azure;

namespace Obscuro.Azure.Tests;

/// <summary>The MAA and IMDS clients build the documented request shapes (the fakes check them) and surface errors.</summary>
public sealed class AttestationClientsTests(AzureFakes fakes) : IClassFixture<AzureFakes>
{
    [Fact]
    public async Task Imds_gives_the_vcek_chain_with_the_metadata_header()
    {
        var certification = await fakes.ImdsClient().GetVcekCertificationAsync(CancellationToken.None);

        Assert.Equal(FakeImdsServer.VcekPem, certification.VcekCert);
        Assert.StartsWith(FakeImdsServer.VcekPem.TrimEnd(), certification.VcekCertChain, StringComparison.Ordinal);
        Assert.Contains("QVJL", certification.VcekCertChain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imds_refuses_a_request_without_the_metadata_header()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(fakes.Imds.BaseUri, "/metadata/THIM/amd/certification"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_sev_snp_attest_body_has_the_documented_shape()
    {
        var builder = new HclReportBuilder { UserData = Enumerable.Repeat((byte)7, 64).ToArray() };
        var report = HclReportParser.Parse(builder.Build());

        var token = await fakes.MaaClient().AttestSevSnpVmAsync(report.HardwareReport, "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n", report.RuntimeData, "n0nce", CancellationToken.None);

        Assert.Equal(3, token.Split('.').Length);
        using var body = JsonDocument.Parse(fakes.Maa.LastAttestBody!);
        var root = body.RootElement;
        Assert.Equal("n0nce", root.GetProperty("nonce").GetString());
        Assert.Equal("JSON", root.GetProperty("runtimeData").GetProperty("dataType").GetString());
        Assert.Equal(report.RuntimeData.ToArray(), System.Buffers.Text.Base64Url.DecodeFromChars(root.GetProperty("runtimeData").GetProperty("data").GetString()));
        using var inner = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(root.GetProperty("report").GetString()));
        Assert.Equal(1184, System.Buffers.Text.Base64Url.DecodeFromChars(inner.RootElement.GetProperty("SnpReport").GetString()).Length);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(inner.RootElement.GetProperty("VcekCertChain").GetString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tdx_flow_turns_a_tdreport_into_a_quote_and_a_token()
    {
        var report = HclReportParser.Parse(new HclReportBuilder { ReportType = HclReportType.Tdx }.Build());

        var quote = await fakes.ImdsClient().GetTdQuoteAsync(report.HardwareReport, CancellationToken.None);
        var token = await fakes.MaaClient().AttestTdxVmAsync(quote, report.RuntimeData, null, CancellationToken.None);

        using var body = JsonDocument.Parse(fakes.Maa.LastAttestBody!);
        Assert.True(body.RootElement.TryGetProperty("quote", out _));
        Assert.False(body.RootElement.TryGetProperty("nonce", out _));
        Assert.Equal(3, token.Split('.').Length);
    }

    [Fact]
    public async Task Evidence_whose_runtime_data_does_not_match_the_report_is_refused_with_the_service_error()
    {
        var report = HclReportParser.Parse(new HclReportBuilder().Build());

        var error = await Assert.ThrowsAsync<AzureServiceException>(() =>
            fakes.MaaClient().AttestSevSnpVmAsync(report.HardwareReport, "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n", "{}"u8.ToArray(), null, CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Equal("InvalidParameter", error.ErrorCode);
        Assert.Equal("Azure Attestation", error.Service);
    }
}
