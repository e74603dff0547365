using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Reveal;

namespace Obscuro.Client.Reveal;

/// <summary>One rollup of a revealed interval and the transactions (signed, RLP-encoded) of the released option in it.</summary>
public sealed record RevealedRollup(Hash256 RollupHash, ulong Generation, IReadOnlyList<byte[]> Transactions);

/// <summary>
/// A reveal checked against the rollups on L1: the key and positions opened exactly the interval's groups
/// (<see cref="Rollups"/>), and <see cref="SignedByRegisteredEnclave"/> says whether the release is signed by an
/// enclave registered on L1 (false when the key was supplied by hand, or the signature does not hold).
/// </summary>
public sealed record RevealedInterval(RevealRelease Release, IReadOnlyList<RevealedRollup> Rollups, bool SignedByRegisteredEnclave);
