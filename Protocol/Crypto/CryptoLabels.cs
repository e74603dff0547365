using System.Text;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// Every domain-separation label of the Obscuro formats, in one place so their distinctness can be checked at a glance
/// and by a test. Labels are printable ASCII and never contain 0x00. Wherever a label is followed by parameters, the
/// input is <c>label ‖ 0x00 ‖ parameters</c> with fixed-length parameters per label, so the 0x00 marks where the
/// label ends and no (label, parameters) pair can be read as another. Integers are big-endian.
/// <list type="table">
/// <listheader><term>label</term><description>where and how it is used</description></listheader>
/// <item><term><c>Obscuro.KeySchedule.v1</c></term><description>HKDF-Extract salt over the master seed → the key schedule PRK.</description></item>
/// <item><term><c>Obscuro.Key.network.v1</c></term><description>HKDF-Expand(PRK, label ‖ 0 ‖ counter u32, 32) → network private key; counter 0, 1, … until the bytes are a valid scalar.</description></item>
/// <item><term><c>Obscuro.Key.reveal.v1</c></term><description>HKDF-Expand(PRK, label ‖ 0 ‖ option u8 ‖ interval u64, 32) → EncryptionKey(option, interval).</description></item>
/// <item><term><c>Obscuro.Key.layout.v1</c></term><description>HKDF-Expand(PRK, label ‖ 0, 32) → layout key (never revealed).</description></item>
/// <item><term><c>Obscuro.Key.stateSealing.v1</c></term><description>HKDF-Expand(PRK, label ‖ 0, 32) → key that seals enclave grain state.</description></item>
/// <item><term><c>Obscuro.Key.stateCommitment.v1</c></term><description>HKDF-Expand(PRK, label ‖ 0, 32) → HMAC key of the state commitment in rollup headers.</description></item>
/// <item><term><c>Obscuro.Ecies.v1</c></term><description>HKDF-SHA256(ikm = ECDH x, salt = none, info = label ‖ 0 ‖ ephemeral pub (33) ‖ recipient pub (33), 76) → message keys.</description></item>
/// <item><term><c>Obscuro.Sealed.v1</c></term><description>HKDF-Expand(sealing key, label ‖ 0 ‖ blob salt (24), 76) → per-blob keys.</description></item>
/// <item><term><c>Obscuro.RollupGroup.siv.v1</c></term><description>HKDF-Expand(reveal key, label ‖ 0, 32) → HMAC key of a group's synthetic salt.</description></item>
/// <item><term><c>Obscuro.RollupGroup.v1</c></term><description>HKDF-Expand(reveal key, label ‖ 0 ‖ synthetic salt (24), 44) → per-group keys.</description></item>
/// <item><term><c>Obscuro.RollupLayout.siv.v1</c></term><description>HKDF-Expand(layout key, label ‖ 0, 32) → HMAC key of a layout's synthetic salt.</description></item>
/// <item><term><c>Obscuro.RollupLayout.v1</c></term><description>HKDF-Expand(layout key, label ‖ 0 ‖ synthetic salt (24), 44) → per-layout keys.</description></item>
/// <item><term><c>Obscuro.StateCommitment.v1</c></term><description>HMAC-SHA256(state commitment key, label ‖ 0 ‖ state root (32)) → the commitment.</description></item>
/// </list>
/// The version suffix is bumped with any change to a format, so old and new derivations can never coincide.
/// </summary>
public static class CryptoLabels
{
    public const string KeyScheduleSalt = "Obscuro.KeySchedule.v1";
    public const string NetworkKey = "Obscuro.Key.network.v1";
    public const string RevealKey = "Obscuro.Key.reveal.v1";
    public const string LayoutKey = "Obscuro.Key.layout.v1";
    public const string StateSealingKey = "Obscuro.Key.stateSealing.v1";
    public const string StateCommitmentKey = "Obscuro.Key.stateCommitment.v1";
    public const string Ecies = "Obscuro.Ecies.v1";
    public const string Sealed = "Obscuro.Sealed.v1";
    public const string RollupGroupSiv = "Obscuro.RollupGroup.siv.v1";
    public const string RollupGroup = "Obscuro.RollupGroup.v1";
    public const string RollupLayoutSiv = "Obscuro.RollupLayout.siv.v1";
    public const string RollupLayout = "Obscuro.RollupLayout.v1";
    public const string StateCommitment = "Obscuro.StateCommitment.v1";

    /// <summary>Every label above, for the distinctness test and for documentation tools.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        KeyScheduleSalt, NetworkKey, RevealKey, LayoutKey, StateSealingKey, StateCommitmentKey, Ecies, Sealed,
        RollupGroupSiv, RollupGroup, RollupLayoutSiv, RollupLayout, StateCommitment,
    ];

    // The ASCII bytes, encoded once from the constants above so there is a single source of truth.
    internal static readonly byte[] KeyScheduleSaltBytes = Encoding.ASCII.GetBytes(KeyScheduleSalt);
    internal static readonly byte[] NetworkKeyBytes = Encoding.ASCII.GetBytes(NetworkKey);
    internal static readonly byte[] RevealKeyBytes = Encoding.ASCII.GetBytes(RevealKey);
    internal static readonly byte[] LayoutKeyBytes = Encoding.ASCII.GetBytes(LayoutKey);
    internal static readonly byte[] StateSealingKeyBytes = Encoding.ASCII.GetBytes(StateSealingKey);
    internal static readonly byte[] StateCommitmentKeyBytes = Encoding.ASCII.GetBytes(StateCommitmentKey);
    internal static readonly byte[] EciesBytes = Encoding.ASCII.GetBytes(Ecies);
    internal static readonly byte[] SealedBytes = Encoding.ASCII.GetBytes(Sealed);
    internal static readonly byte[] RollupGroupSivBytes = Encoding.ASCII.GetBytes(RollupGroupSiv);
    internal static readonly byte[] RollupGroupBytes = Encoding.ASCII.GetBytes(RollupGroup);
    internal static readonly byte[] RollupLayoutSivBytes = Encoding.ASCII.GetBytes(RollupLayoutSiv);
    internal static readonly byte[] RollupLayoutBytes = Encoding.ASCII.GetBytes(RollupLayout);
    internal static readonly byte[] StateCommitmentBytes = Encoding.ASCII.GetBytes(StateCommitment);

    /// <summary>Writes <c>label ‖ 0x00</c> and returns how many bytes that took; parameters follow at that offset.</summary>
    internal static int WritePrefix(byte[] label, Span<byte> destination)
    {
        label.CopyTo(destination);
        destination[label.Length] = 0x00;
        return label.Length + 1;
    }
}
