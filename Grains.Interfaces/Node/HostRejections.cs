namespace Obscuro.Grains.Node;

/// <summary>
/// <see cref="SubmissionResult.Reason"/> values for submissions the host turns away before (or instead of) the
/// enclave's admission check. They start at 128 so they never collide with the Protocol's <c>TransactionRejection</c>
/// values, which the enclave's verdicts carry.
/// </summary>
public static class HostRejections
{
    /// <summary>The node's mempool holds as many transactions as it may; the wallet should retry later.</summary>
    public const byte MempoolFull = 128;

    /// <summary>The enclave could not be reached to admit the submission (no enclave silo, or it timed out); retry later.</summary>
    public const byte EnclaveUnavailable = 129;
}
