namespace Obscuro.Silo.Tee.Azure.Tpm;

/// <summary>The NV indices of an Azure CVM's vTPM that attestation uses.</summary>
public static class VtpmIndices
{
    /// <summary>The HCL report (hardware report + runtime data), refreshed by the paravisor.</summary>
    public const uint HclReport = 0x01400001;

    /// <summary>64 bytes the guest writes; the paravisor copies them into the runtime data as <c>user-data</c>.</summary>
    public const uint UserData = 0x01400002;
}
