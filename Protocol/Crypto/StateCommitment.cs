using System.Security.Cryptography;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// The keyed commitment to the L2 state that a rollup header carries:
/// HMAC-SHA256(state commitment key, "Obscuro.StateCommitment.v1" ‖ 0x00 ‖ state root). Keyed because the state is
/// confidential: an unkeyed root of a small or guessable state (a few accounts after a known deposit) would let anyone
/// confirm guesses of balances offline. Enclaves, which hold the key, recompute and compare it.
/// </summary>
public static class StateCommitment
{
    public static Hash256 Compute(SymmetricKey commitmentKey, Hash256 stateRoot)
    {
        ArgumentNullException.ThrowIfNull(commitmentKey);
        var label = CryptoLabels.StateCommitmentBytes;
        Span<byte> message = stackalloc byte[label.Length + 1 + Hash256.Size];
        var offset = CryptoLabels.WritePrefix(label, message);
        stateRoot.CopyTo(message[offset..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(commitmentKey.Span, message, mac);
        return new Hash256(mac);
    }
}
