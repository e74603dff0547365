using System.Buffers.Binary;
using Obscuro.Azure.Tests.Fakes;
using Obscuro.Silo.Tee.Azure;

namespace Obscuro.Azure.Tests;

/// <summary>Fixtures built by <see cref="HclReportBuilder"/>: valid reports of both kinds, then each way one can be wrong.</summary>
public sealed class HclReportParserTests
{
    private static readonly byte[] UserData = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();

    [Fact]
    public void A_valid_sev_snp_report_yields_its_parts()
    {
        var builder = new HclReportBuilder { UserData = UserData };
        var report = HclReportParser.Parse(builder.Build(), HclReportType.SevSnp);

        Assert.Equal(HclReportType.SevSnp, report.ReportType);
        Assert.Equal(1184, report.HardwareReport.Length);
        Assert.Equal(builder.RuntimeJson(), report.RuntimeData.ToArray());
        Assert.Equal(UserData, report.UserData.ToArray());
        Assert.Equal(builder.Measurement, report.LaunchMeasurement.ToArray());
        Assert.Equal(["HCLAkPub"], report.RuntimeKeyIds);
        Assert.False(report.IsDebuggable);
    }

    [Fact]
    public void A_valid_tdx_report_yields_its_parts()
    {
        var builder = new HclReportBuilder { ReportType = HclReportType.Tdx, UserData = UserData, Debuggable = true };
        var report = HclReportParser.Parse(builder.Build(), HclReportType.Tdx);

        Assert.Equal(HclReportType.Tdx, report.ReportType);
        Assert.Equal(1024, report.HardwareReport.Length);
        Assert.Equal(builder.Measurement, report.LaunchMeasurement.ToArray());
        Assert.True(report.IsDebuggable);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sha384_and_sha512_runtime_hashes_are_checked_too(uint hashType)
    {
        var report = HclReportParser.Parse(new HclReportBuilder { HashType = hashType }.Build());

        Assert.Equal((HclHashType)hashType, report.HashType);
    }

    [Theory]
    [InlineData(0, "32-byte header")]
    [InlineData(31, "32-byte header")]
    [InlineData(1000, "hardware report and the runtime-data header")]
    [InlineData(1235, "hardware report and the runtime-data header")]
    [InlineData(1300, "the runtime data")]
    public void A_truncated_report_is_refused_saying_what_is_missing(int length, string part)
    {
        var full = new HclReportBuilder { TrailingPadding = 0 }.Build();

        var error = Assert.Throws<HclReportException>(() => HclReportParser.Parse(full.AsSpan(0, length)));

        Assert.Equal(HclReportProblem.Truncated, error.Problem);
        Assert.Contains(part, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, HclReportProblem> Corruptions => new()
    {
        { "signature", HclReportProblem.BadSignature },
        { "version", HclReportProblem.UnsupportedVersion },
        { "report-type", HclReportProblem.UnexpectedReportType },
        { "report-size", HclReportProblem.InconsistentSize },
        { "runtime-size", HclReportProblem.InconsistentSize },
        { "variable-size-zero", HclReportProblem.InconsistentSize },
        { "variable-size-huge", HclReportProblem.InconsistentSize },
        { "hash-type", HclReportProblem.UnknownHashType },
        { "runtime-byte", HclReportProblem.RuntimeDataHashMismatch },
        { "report-data", HclReportProblem.RuntimeDataHashMismatch },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_corrupted_or_inconsistent_report_is_refused_precisely(string corruption, HclReportProblem expected)
    {
        var data = new HclReportBuilder().Build(report =>
        {
            switch (corruption)
            {
                case "signature": report[0] = (byte)'X'; break;
                case "version": BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(4), 7); break;
                case "report-type": BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(1224), 3); break;
                case "report-size": BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(8), 1000); break;
                case "runtime-size": BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(1216), 5); break;
                case "variable-size-zero": BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(1232), 0); break;
                case "variable-size-huge": BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(1232), 1 << 20); break;
                case "hash-type": BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(1228), 9); break;
                case "runtime-byte": report[1240] ^= 0x01; break;
                case "report-data": report[32 + 0x50] ^= 0x01; break;
            }
        });

        var error = Assert.Throws<HclReportException>(() => HclReportParser.Parse(data));

        Assert.Equal(expected, error.Problem);
    }

    [Fact]
    public void A_report_of_the_other_tee_kind_is_refused()
    {
        var error = Assert.Throws<HclReportException>(() => HclReportParser.Parse(new HclReportBuilder { ReportType = HclReportType.Tdx }.Build(), HclReportType.SevSnp));

        Assert.Equal(HclReportProblem.UnexpectedReportType, error.Problem);
    }

    [Fact]
    public void Runtime_data_without_user_data_or_not_json_is_refused()
    {
        var noUserData = new HclReportBuilder().Build(report => ReplaceRuntime(report, "{\"keys\":[],\"vm-configuration\":{}}"u8));
        var notJson = new HclReportBuilder().Build(report => ReplaceRuntime(report, "not json at all"u8));

        Assert.Equal(HclReportProblem.BadRuntimeData, Assert.Throws<HclReportException>(() => HclReportParser.Parse(noUserData)).Problem);
        Assert.Equal(HclReportProblem.BadRuntimeData, Assert.Throws<HclReportException>(() => HclReportParser.Parse(notJson)).Problem);
    }

    /// <summary>Swaps the runtime JSON for other bytes with consistent sizes and hash, so only the JSON is wrong.</summary>
    private static void ReplaceRuntime(byte[] report, ReadOnlySpan<byte> runtime)
    {
        var oldLength = BinaryPrimitives.ReadUInt32LittleEndian(report.AsSpan(1232));
        report.AsSpan(1236, (int)oldLength).Clear();
        runtime.CopyTo(report.AsSpan(1236));
        BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(1216), (uint)(20 + runtime.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(1232), (uint)runtime.Length);
        System.Security.Cryptography.SHA256.HashData(runtime).CopyTo(report.AsSpan(32 + 0x50));
    }
}
