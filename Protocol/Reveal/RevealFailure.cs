namespace Obscuro.Protocol.Reveal;

/// <summary>What a failed reveal verification found wrong, so a tool can tell a bad key from bad positions.</summary>
public enum RevealFailure
{
    /// <summary>The release is not signed by the enclave it names (altered after signing, or forged).</summary>
    Signature,

    /// <summary>The release's rollups are not the interval's: one missing, one outside it, or not one chain.</summary>
    Rollups,

    /// <summary>A position lies outside its blob, or does not start a group ciphertext there.</summary>
    Positions,

    /// <summary>The key does not open a group found at its stated position (another option's or interval's key, or a wrong one).</summary>
    Key,
}
