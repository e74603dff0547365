namespace Obscuro.Client.Errors;

/// <summary>
/// What went wrong, in the terms a script acts on. Every exception the library throws on purpose is an
/// <see cref="ObscuroClientException"/> with one of these; the CLI turns each into its own exit code.
/// </summary>
public enum ClientErrorKind
{
    /// <summary>The input is malformed: an amount, an address (checksum), a hash, an option.</summary>
    Usage,

    /// <summary>The passphrase does not open the keystore file.</summary>
    WrongPassphrase,

    /// <summary>A keystore problem other than the passphrase: no such account, already exists, unreadable file.</summary>
    Wallet,

    /// <summary>The account cannot pay the amount plus the fee (on L2) or the amount plus gas (on L1).</summary>
    InsufficientFunds,

    /// <summary>The asset is not ETH and not a token allow-listed on the bridge.</summary>
    UnknownToken,

    /// <summary>No gateway of the node answers, or the node cannot serve the request now.</summary>
    NodeUnavailable,

    /// <summary>The L1 JSON-RPC endpoint does not answer.</summary>
    L1Unavailable,

    /// <summary>An answer failed verification: not signed by an enclave registered on L1, or not based on a rollup on L1.</summary>
    VerificationFailed,

    /// <summary>The node refused the transaction or query, the L1 reverted, or the L2 transaction failed.</summary>
    Rejected,

    /// <summary>A wait (L1 inclusion, payability) passed its deadline; the outcome is not known yet.</summary>
    Timeout,

    /// <summary>The transaction or withdrawal asked about is not known.</summary>
    NotFound,

    /// <summary>The deployment file is missing or wrong, or the network is not ready (not initialised, withdrawals locked).</summary>
    NotReady,

    /// <summary>A reveal key does not open the groups at its stated positions in the rollups on L1.</summary>
    RevealKeyWrong,

    /// <summary>Reveal positions are wrong: outside a blob, not at a group, or not for the interval's rollups on L1.</summary>
    RevealPositionsWrong,
}
