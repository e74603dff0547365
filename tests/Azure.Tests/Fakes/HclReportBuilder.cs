using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Obscuro.Silo.Tee.Azure;

namespace Obscuro.Azure.Tests.Fakes;

/// <summary>
/// Builds HCL reports byte by byte, written from the layout in the notes independently of the parser, so fixtures
/// (valid, truncated, corrupted) come from the tests themselves rather than from a download.
/// </summary>
internal sealed class HclReportBuilder
{
    public HclReportType ReportType { get; init; } = HclReportType.SevSnp;

    public uint Version { get; init; } = 2;

    public byte[] Measurement { get; init; } = Enumerable.Range(0, 48).Select(i => (byte)(0xA0 + i)).ToArray();

    public bool Debuggable { get; init; }

    public byte[] UserData { get; init; } = new byte[64];

    public uint HashType { get; init; } = 1;

    /// <summary>Runtime keys as JWK objects (the transfer key of a release, HCLAkPub, ...).</summary>
    public IReadOnlyList<Dictionary<string, object>> Keys { get; init; } =
        [new() { ["kid"] = "HCLAkPub", ["kty"] = "RSA", ["key_ops"] = new[] { "sign" }, ["n"] = "AQAB", ["e"] = "AQAB" }];

    /// <summary>Zero bytes after the runtime data, as the NV index is larger than the report.</summary>
    public int TrailingPadding { get; init; } = 200;

    public byte[] RuntimeJson() => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
    {
        ["keys"] = Keys,
        ["vm-configuration"] = new Dictionary<string, object> { ["secure-boot"] = true, ["tpm-enabled"] = true, ["vmUniqueId"] = "00000000-0000-0000-0000-000000000001" },
        ["user-data"] = Convert.ToHexString(UserData),
    });

    public byte[] Build(Action<byte[]>? corrupt = null)
    {
        var runtime = RuntimeJson();
        var report = new byte[1236 + runtime.Length + TrailingPadding];
        BinaryPrimitives.WriteUInt32LittleEndian(report, 0x414C4348);
        BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(4), Version);
        BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(8), ReportType == HclReportType.SevSnp ? 1184u : 1024u);
        BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(12), 2);
        var hardware = report.AsSpan(32, 1184);
        var digest = HashType switch
        {
            2 => SHA384.HashData(runtime),
            3 => SHA512.HashData(runtime),
            _ => SHA256.HashData(runtime),
        };
        if (ReportType == HclReportType.SevSnp)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(hardware, 2); // SNP report version
            BinaryPrimitives.WriteUInt64LittleEndian(hardware[0x08..], 0x30000UL | (Debuggable ? 1UL << 19 : 0));
            digest.CopyTo(hardware[0x50..]);
            Measurement.CopyTo(hardware[0x90..]);
        }
        else
        {
            hardware[0] = 0x81; // TDREPORT type
            digest.CopyTo(hardware[128..]);
            BinaryPrimitives.WriteUInt64LittleEndian(hardware[512..], Debuggable ? 1UL : 0UL);
            Measurement.CopyTo(hardware[528..]);
        }

        var runtimeHeader = report.AsSpan(1216);
        BinaryPrimitives.WriteUInt32LittleEndian(runtimeHeader, (uint)(20 + runtime.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(runtimeHeader[4..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(runtimeHeader[8..], (uint)ReportType);
        BinaryPrimitives.WriteUInt32LittleEndian(runtimeHeader[12..], HashType);
        BinaryPrimitives.WriteUInt32LittleEndian(runtimeHeader[16..], (uint)runtime.Length);
        runtime.CopyTo(report, 1236);
        corrupt?.Invoke(report);
        return report;
    }
}
