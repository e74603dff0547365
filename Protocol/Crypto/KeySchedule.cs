using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// Every key the network derives from the master seed (ARCHITECTURE §4), with HKDF-SHA256 (RFC 5869):
/// PRK = HKDF-Extract(salt = "Obscuro.KeySchedule.v1", ikm = seed) once, then each key is
/// HKDF-Expand(PRK, label ‖ 0x00 ‖ parameters, 32) — one HMAC-SHA256, so every derivation is cheap to repeat.
/// <list type="table">
/// <listheader><term>method</term><description>label and parameters</description></listheader>
/// <item><term><see cref="NetworkKeyPair"/></term><description><c>Obscuro.Key.network.v1</c>, counter (u32)</description></item>
/// <item><term><see cref="EncryptionKey"/></term><description><c>Obscuro.Key.reveal.v1</c>, option (u8), interval (u64)</description></item>
/// <item><term><see cref="LayoutKey"/></term><description><c>Obscuro.Key.layout.v1</c></description></item>
/// <item><term><see cref="StateSealingKey"/></term><description><c>Obscuro.Key.stateSealing.v1</c></description></item>
/// <item><term><see cref="StateCommitmentKey"/></term><description><c>Obscuro.Key.stateCommitment.v1</c></description></item>
/// </list>
/// HKDF-Expand outputs under distinct info strings are independent pseudo-random values, so releasing one reveal key
/// tells nothing about the seed, the other reveal keys, or the layout and state keys.
/// <para>
/// The state key of ARCHITECTURE §4 is split in two: one key seals grain state (AES-GCM), the other keys the state
/// commitment in rollup headers (HMAC). One key, one algorithm: reusing an AES key as an HMAC key has no known attack
/// but no proof either, and the two are exposed differently — sealed state sits with the untrusted host in bulk, while
/// commitments go to L1 — so a later decision to hand out the commitment key (to let auditors check state claims)
/// must not also open every sealed grain.
/// </para>
/// Each call returns a new key object owned by the caller (dispose it). Thread-safe: the PRK is only read.
/// </summary>
public sealed class KeySchedule : IDisposable
{
    private const int MaxNetworkKeyCounter = 256;

    private readonly SecretBytes _prk = new(32);

    public KeySchedule(MasterSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        HKDF.Extract(HashAlgorithmName.SHA256, seed.Span, CryptoLabels.KeyScheduleSaltBytes, _prk.Span);
    }

    /// <summary>
    /// The network's identity key (the spec's Obscuro_Public_Key is its public half). HKDF output is a 256-bit string,
    /// and a secp256k1 scalar must be in [1, n-1]; the chance that 32 uniform bytes are not is about 2^-127.7, so
    /// counter 0 is used in practice. Rejecting and re-deriving with the next counter, rather than reducing mod n,
    /// keeps the key exactly uniform and the rule simple to re-implement. Derive it once and keep it; each call
    /// computes the public key (tens of microseconds).
    /// </summary>
    public Secp256k1KeyPair NetworkKeyPair()
    {
        var key = new SecretBytes(Secp256k1.PrivateKeySize);
        try
        {
            DeriveValidScalar(
                (candidate, counter) =>
                {
                    Span<byte> info = stackalloc byte[CryptoLabels.NetworkKeyBytes.Length + 1 + sizeof(uint)];
                    var offset = CryptoLabels.WritePrefix(CryptoLabels.NetworkKeyBytes, info);
                    BinaryPrimitives.WriteUInt32BigEndian(info[offset..], counter);
                    HKDF.Expand(HashAlgorithmName.SHA256, _prk.Span, candidate, info);
                },
                key.Span);
            return Secp256k1KeyPair.Adopt(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>EncryptionKey(option, interval) of the spec: the key of one option's groups during one interval.</summary>
    public RevealKey EncryptionKey(RevealOption option, ulong interval)
    {
        RequireDefined(option);
        Span<byte> info = stackalloc byte[CryptoLabels.RevealKeyBytes.Length + 1 + 1 + sizeof(ulong)];
        var offset = CryptoLabels.WritePrefix(CryptoLabels.RevealKeyBytes, info);
        info[offset] = (byte)option;
        BinaryPrimitives.WriteUInt64BigEndian(info[(offset + 1)..], interval);
        return RevealKey.Adopt(option, interval, Expand(info));
    }

    /// <summary>The key of each rollup's encrypted layout (positions of the groups). Never revealed.</summary>
    public SymmetricKey LayoutKey() => SymmetricKey.Adopt(ExpandLabel(CryptoLabels.LayoutKeyBytes));

    /// <summary>The key that seals enclave grain state before it reaches a storage provider.</summary>
    public SymmetricKey StateSealingKey() => SymmetricKey.Adopt(ExpandLabel(CryptoLabels.StateSealingKeyBytes));

    /// <summary>The key of the state commitment in rollup headers (see <see cref="StateCommitment"/>).</summary>
    public SymmetricKey StateCommitmentKey() => SymmetricKey.Adopt(ExpandLabel(CryptoLabels.StateCommitmentKeyBytes));

    public void Dispose() => _prk.Dispose();

    public override string ToString() => "KeySchedule([redacted])";

    /// <summary>
    /// Tries counters 0, 1, … and keeps the first candidate that is a valid secp256k1 scalar. Separate from the HKDF
    /// call so the retry rule can be tested with candidates that are out of range.
    /// </summary>
    internal static uint DeriveValidScalar(SpanAction<byte, uint> candidate, Span<byte> scalar)
    {
        for (uint counter = 0; counter < MaxNetworkKeyCounter; counter++)
        {
            candidate(scalar, counter);
            if (Secp256k1.IsValidPrivateKey(scalar)) return counter;
        }

        CryptographicOperations.ZeroMemory(scalar);
        throw new CryptographicException($"No valid secp256k1 scalar in {MaxNetworkKeyCounter} derivations; the key derivation is broken.");
    }

    internal static void RequireDefined(RevealOption option)
    {
        if (option > RevealOption.XL)
        {
            throw new ArgumentOutOfRangeException(nameof(option), option, "Not a reveal option (XS, S, M, L or XL).");
        }
    }

    private SecretBytes ExpandLabel(byte[] label)
    {
        Span<byte> info = stackalloc byte[label.Length + 1];
        CryptoLabels.WritePrefix(label, info);
        return Expand(info);
    }

    private SecretBytes Expand(ReadOnlySpan<byte> info)
    {
        var key = new SecretBytes(32);
        HKDF.Expand(HashAlgorithmName.SHA256, _prk.Span, key.Span, info);
        return key;
    }
}
