namespace Obscuro.Silo.Node;

/// <summary>
/// Configuration section <c>Obscuro:Operator</c>: the node operator's L1 key, host silos only. Either the key itself
/// (best from the environment: <c>Obscuro__Operator__PrivateKey</c>) or a file holding it (readable by its owner only).
/// 32 bytes as 64 hex digits, 0x optional. Never logged, never in an exception message, never given to enclave grains.
/// </summary>
public sealed class OperatorSettings
{
    public string? PrivateKey { get; set; }

    public string? PrivateKeyFile { get; set; }

    public override string ToString() => PrivateKeyFile is null ? "operator key (inline, hidden)" : $"operator key file {PrivateKeyFile}";
}
