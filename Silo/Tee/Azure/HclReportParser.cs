using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;

namespace Obscuro.Silo.Tee.Azure;

/// <summary>
/// Parses the HCL report an Azure CVM's paravisor publishes at vTPM NV index 0x01400001, strictly: every size is
/// checked against the data and against the other sizes, and the runtime data must hash to the start of REPORT_DATA.
/// Layout (all integers little-endian):
/// <code>
/// offset   size  field
/// 0        4     signature "HCLA" (0x414C4348)
/// 4        4     version (1 or 2)
/// 8        4     report size: bytes of the hardware report (SNP 1184, TDX 1024; at most the 1184-byte slot)
/// 12       4     request type
/// 16       4     status
/// 20       12    reserved
/// 32       1184  hardware report slot (SNP report, or TDX TDREPORT in its first 1024 bytes)
/// 1216     4     runtime data size: this 20-byte header plus the variable data
/// 1220     4     runtime data version
/// 1224     4     report type (2 = SEV-SNP, 4 = TDX)
/// 1228     4     hash type (1 = SHA-256, 2 = SHA-384, 3 = SHA-512)
/// 1232     4     variable data size n
/// 1236     n     runtime JSON: {"keys":[…], "vm-configuration":{…}, "user-data":"&lt;128 hex&gt;"}
/// </code>
/// The NV index is larger than the report; bytes after the runtime JSON are ignored. Inside the hardware report:
/// SNP REPORT_DATA at 0x50 (64), MEASUREMENT at 0x90 (48), POLICY at 0x08 (bit 19 = debug); TDX REPORTDATA at 128
/// (64), TDINFO at 512 with ATTRIBUTES at 512 (bit 0 = debug) and MRTD at 528 (48).
/// </summary>
public static class HclReportParser
{
    public const uint Signature = 0x414C4348; // "HCLA" read as a little-endian integer
    public const int HeaderSize = 32;
    public const int HardwareReportSlotSize = 1184;
    public const int SevSnpReportSize = 1184;
    public const int TdxReportSize = 1024;
    public const int RuntimeHeaderOffset = HeaderSize + HardwareReportSlotSize; // 1216
    public const int RuntimeHeaderSize = 20;
    public const int RuntimeDataOffset = RuntimeHeaderOffset + RuntimeHeaderSize; // 1236
    public const int MaximumRuntimeDataSize = 64 * 1024;
    public const int UserDataSize = 64;

    public static HclReport Parse(ReadOnlySpan<byte> data, HclReportType? expectedType = null)
    {
        Require(data, HeaderSize, "the 32-byte header");
        if (BinaryPrimitives.ReadUInt32LittleEndian(data) != Signature)
        {
            throw new HclReportException(HclReportProblem.BadSignature, "the header does not start with \"HCLA\"");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (version is not (1 or 2))
        {
            throw new HclReportException(HclReportProblem.UnsupportedVersion, $"header version {version} is not 1 or 2");
        }

        var reportSize = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
        Require(data, RuntimeDataOffset, "the hardware report and the runtime-data header");

        var runtimeHeader = data[RuntimeHeaderOffset..];
        var runtimeSize = BinaryPrimitives.ReadUInt32LittleEndian(runtimeHeader);
        var reportTypeValue = BinaryPrimitives.ReadUInt32LittleEndian(runtimeHeader[8..]);
        var hashTypeValue = BinaryPrimitives.ReadUInt32LittleEndian(runtimeHeader[12..]);
        var variableSize = BinaryPrimitives.ReadUInt32LittleEndian(runtimeHeader[16..]);

        if (reportTypeValue is not ((uint)HclReportType.SevSnp or (uint)HclReportType.Tdx))
        {
            throw new HclReportException(HclReportProblem.UnexpectedReportType, $"report type {reportTypeValue} is neither SEV-SNP (2) nor TDX (4)");
        }

        var reportType = (HclReportType)reportTypeValue;
        if (expectedType is { } expected && expected != reportType)
        {
            throw new HclReportException(HclReportProblem.UnexpectedReportType, $"the report is {reportType}, but this VM is configured as {expected}");
        }

        var hardwareSize = reportType == HclReportType.SevSnp ? SevSnpReportSize : TdxReportSize;
        if (reportSize < hardwareSize || reportSize > HardwareReportSlotSize)
        {
            throw new HclReportException(
                HclReportProblem.InconsistentSize, $"header report size {reportSize} does not fit a {reportType} report ({hardwareSize} to {HardwareReportSlotSize} bytes)");
        }

        if (hashTypeValue is < (uint)HclHashType.Sha256 or > (uint)HclHashType.Sha512)
        {
            throw new HclReportException(HclReportProblem.UnknownHashType, $"hash type {hashTypeValue} is not SHA-256 (1), SHA-384 (2) or SHA-512 (3)");
        }

        if (variableSize == 0 || variableSize > MaximumRuntimeDataSize)
        {
            throw new HclReportException(HclReportProblem.InconsistentSize, $"runtime data size {variableSize} is not between 1 and {MaximumRuntimeDataSize}");
        }

        if (runtimeSize != RuntimeHeaderSize + variableSize)
        {
            throw new HclReportException(
                HclReportProblem.InconsistentSize, $"runtime data header says {runtimeSize} bytes, but 20 + variable data size is {RuntimeHeaderSize + variableSize}");
        }

        Require(data, RuntimeDataOffset + (int)variableSize, "the runtime data");

        var hardwareReport = data.Slice(HeaderSize, hardwareSize).ToArray();
        var runtimeData = data.Slice(RuntimeDataOffset, (int)variableSize).ToArray();
        var hashType = (HclHashType)hashTypeValue;

        var reportData = reportType == HclReportType.SevSnp ? hardwareReport.AsSpan(0x50, 64) : hardwareReport.AsSpan(128, 64);
        var digest = hashType switch
        {
            HclHashType.Sha256 => SHA256.HashData(runtimeData),
            HclHashType.Sha384 => SHA384.HashData(runtimeData),
            _ => SHA512.HashData(runtimeData),
        };
        if (!reportData[..digest.Length].SequenceEqual(digest))
        {
            throw new HclReportException(HclReportProblem.RuntimeDataHashMismatch, $"the {hashType} of the runtime data is not at the start of REPORT_DATA");
        }

        var (userData, keyIds, rsaSizes) = ParseRuntimeData(runtimeData);
        byte[] measurement;
        bool debuggable;
        if (reportType == HclReportType.SevSnp)
        {
            measurement = hardwareReport.AsSpan(0x90, 48).ToArray();
            debuggable = (BinaryPrimitives.ReadUInt64LittleEndian(hardwareReport.AsSpan(0x08)) & (1UL << 19)) != 0;
        }
        else
        {
            measurement = hardwareReport.AsSpan(528, 48).ToArray();
            debuggable = (BinaryPrimitives.ReadUInt64LittleEndian(hardwareReport.AsSpan(512)) & 1UL) != 0;
        }

        return new HclReport(reportType, version, hardwareReport, hashType, runtimeData, userData, keyIds, rsaSizes, measurement, debuggable);
    }

    private static (byte[] UserData, IReadOnlyList<string> KeyIds, IReadOnlyDictionary<string, int> RsaSizes) ParseRuntimeData(byte[] runtimeData)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(runtimeData, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            throw new HclReportException(HclReportProblem.BadRuntimeData, "the runtime data is not JSON", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new HclReportException(HclReportProblem.BadRuntimeData, "the runtime data is not a JSON object");
            }

            if (!root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            {
                throw new HclReportException(HclReportProblem.BadRuntimeData, "the runtime data has no \"keys\" array");
            }

            var keyIds = new List<string>();
            var rsaSizes = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var key in keys.EnumerateArray())
            {
                if (key.ValueKind != JsonValueKind.Object || !key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String)
                {
                    throw new HclReportException(HclReportProblem.BadRuntimeData, "a runtime key is not a JWK with a kid");
                }

                keyIds.Add(kid.GetString()!);
                if (key.TryGetProperty("kty", out var kty) && kty.ValueKind == JsonValueKind.String && kty.GetString() == "RSA" &&
                    key.TryGetProperty("n", out var modulus) && modulus.ValueKind == JsonValueKind.String)
                {
                    try
                    {
                        rsaSizes[kid.GetString()!] = Base64Url.Decode(modulus.GetString(), "n").Length;
                    }
                    catch (FormatException exception)
                    {
                        throw new HclReportException(HclReportProblem.BadRuntimeData, "a runtime RSA key's modulus is not base64url", exception);
                    }
                }
            }

            if (!root.TryGetProperty("vm-configuration", out var configuration) || configuration.ValueKind != JsonValueKind.Object)
            {
                throw new HclReportException(HclReportProblem.BadRuntimeData, "the runtime data has no \"vm-configuration\" object");
            }

            if (!root.TryGetProperty("user-data", out var userData) || userData.ValueKind != JsonValueKind.String || userData.GetString()!.Length != UserDataSize * 2)
            {
                throw new HclReportException(HclReportProblem.BadRuntimeData, $"the runtime data has no \"user-data\" of {UserDataSize * 2} hex digits");
            }

            try
            {
                return (Convert.FromHexString(userData.GetString()!), keyIds, rsaSizes);
            }
            catch (FormatException exception)
            {
                throw new HclReportException(HclReportProblem.BadRuntimeData, "\"user-data\" is not hex", exception);
            }
        }
    }

    private static void Require(ReadOnlySpan<byte> data, int length, string part)
    {
        if (data.Length < length)
        {
            throw new HclReportException(HclReportProblem.Truncated, $"{data.Length} bytes is too short for {part} (needs {length})");
        }
    }
}
