using System.Text.Json;

namespace Obscuro.Silo.Tee.Azure;

/// <summary>
/// A parsed HCL report (<see cref="HclReportParser"/>): the hardware report, the runtime data the paravisor hashed
/// into it, and the values read from both.
/// </summary>
public sealed class HclReport
{
    internal HclReport(
        HclReportType reportType,
        uint version,
        byte[] hardwareReport,
        HclHashType hashType,
        byte[] runtimeData,
        byte[] userData,
        IReadOnlyList<string> runtimeKeyIds,
        IReadOnlyDictionary<string, int> runtimeRsaModulusBytes,
        byte[] launchMeasurement,
        bool isDebuggable)
    {
        ReportType = reportType;
        Version = version;
        HardwareReport = hardwareReport;
        HashType = hashType;
        RuntimeData = runtimeData;
        UserData = userData;
        RuntimeKeyIds = runtimeKeyIds;
        RuntimeRsaModulusBytes = runtimeRsaModulusBytes;
        LaunchMeasurement = launchMeasurement;
        IsDebuggable = isDebuggable;
    }

    public HclReportType ReportType { get; }

    /// <summary>The HCL header version (1 and 2 are known).</summary>
    public uint Version { get; }

    /// <summary>The SNP report (1184 bytes) or TDX TDREPORT (1024 bytes), exactly as MAA / IMDS expect it.</summary>
    public ReadOnlyMemory<byte> HardwareReport { get; }

    public HclHashType HashType { get; }

    /// <summary>The runtime JSON exactly as hashed (MAA needs these bytes, not a re-serialisation).</summary>
    public ReadOnlyMemory<byte> RuntimeData { get; }

    /// <summary>The 64 bytes of <c>user-data</c> (what the guest wrote to NV index 0x01400002).</summary>
    public ReadOnlyMemory<byte> UserData { get; }

    /// <summary>The <c>kid</c>s of the runtime data's <c>keys</c> (for example HCLAkPub, HCLEkPub).</summary>
    public IReadOnlyList<string> RuntimeKeyIds { get; }

    /// <summary>The modulus length in bytes of each RSA runtime key, by kid (a key release is wrapped to one of them).</summary>
    public IReadOnlyDictionary<string, int> RuntimeRsaModulusBytes { get; }

    /// <summary>SNP MEASUREMENT or TDX MRTD (48 bytes).</summary>
    public ReadOnlyMemory<byte> LaunchMeasurement { get; }

    /// <summary>SNP guest policy bit 19 (DEBUG) or TDX TD attribute bit 0 (DEBUG).</summary>
    public bool IsDebuggable { get; }

    /// <summary>The runtime JSON as a document (for tests and diagnostics; the caller disposes it).</summary>
    public JsonDocument ParseRuntimeData() => JsonDocument.Parse(RuntimeData);
}
