namespace Obscuro.Silo;

/// <summary>What a silo hosts (ARCHITECTURE §3).</summary>
public enum SiloRole
{
    /// <summary>Untrusted side only: L1 I/O, gossip, the client gateway, publishing. Needs <c>tee=none</c>.</summary>
    Host,

    /// <summary>Enclave grains only. Needs a TEE.</summary>
    Enclave,

    /// <summary>Both sides in one silo, for a devnet. Needs a TEE.</summary>
    Both,
}
