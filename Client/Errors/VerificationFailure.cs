namespace Obscuro.Client.Errors;

/// <summary>Why an answer from a node was not trusted. Each is a reason to show nothing of it.</summary>
public enum VerificationFailure
{
    /// <summary>The answer does not open with the viewing key for this request (wrong key, altered, or for another request).</summary>
    NotDecryptable,

    /// <summary>The answer names another request id than the one sent.</summary>
    WrongRequest,

    /// <summary>The signature does not recover to the enclave address the answer names.</summary>
    BadSignature,

    /// <summary>The signing enclave is not a provisioned node on L1 with an accepted measurement and authority.</summary>
    UnregisteredEnclave,

    /// <summary>The rollup the answer is based on is not published on L1 (or with another generation).</summary>
    RollupNotOnL1,

    /// <summary>The rollup was published, but not in the stated L1 block, or that block is not on the current L1 chain.</summary>
    L1BlockNotCanonical,

    /// <summary>The payload does not decode as the answer to the question asked.</summary>
    MalformedPayload,

    /// <summary>The node's submission receipt names another transaction hash than the one signed.</summary>
    WrongTransactionHash,
}
