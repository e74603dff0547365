namespace Obscuro.Silo.Tee.Azure;

/// <summary>Why an HCL report was refused. Each value has a fixture.</summary>
public enum HclReportProblem
{
    /// <summary>Shorter than the part being read (the message says which part and how many bytes were needed).</summary>
    Truncated,

    /// <summary>The header does not start with "HCLA".</summary>
    BadSignature,

    /// <summary>The header's version is not one this parser knows.</summary>
    UnsupportedVersion,

    /// <summary>The runtime-data header names neither SEV-SNP (2) nor TDX (4), or not the one expected.</summary>
    UnexpectedReportType,

    /// <summary>Sizes in the headers disagree with each other or with the data.</summary>
    InconsistentSize,

    /// <summary>The runtime-data hash type is not SHA-256, SHA-384 or SHA-512.</summary>
    UnknownHashType,

    /// <summary>The hash of the runtime data is not at the start of the hardware report's REPORT_DATA.</summary>
    RuntimeDataHashMismatch,

    /// <summary>The runtime data is not a JSON object with <c>keys</c>, <c>vm-configuration</c> and <c>user-data</c>.</summary>
    BadRuntimeData,
}
