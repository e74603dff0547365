using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Protocol.Pobi;

/// <summary>
/// Checks a gossiped candidate before it takes part in a round, from public data only: its enclave signature must
/// recover the aggregator its header names, and that enclave must be a registered, provisioned aggregator in the
/// receiver's verified view of NetworkManagement. (The content is checked when the rollup reaches L1, by every
/// enclave; here only who may compete matters, and a forged or foreign nonce must not win a round.)
/// </summary>
public static class CandidateCheck
{
    /// <summary>Null when the candidate may compete; otherwise why not.</summary>
    public static string? Reject(SignedRollup candidate, ulong l1ChainId, Address rollupContract, Func<Address, bool> isProvisionedAggregator)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(isProvisionedAggregator);
        var header = candidate.Header;
        if (header.IsGenesis) return "the genesis rollup is not a lottery candidate";
        var signer = RecoverSigner(header, l1ChainId, rollupContract, candidate.Signature);
        if (signer is null) return "its enclave signature is malformed";
        if (signer.Value != header.Aggregator) return $"it is signed by {signer.Value}, not by the aggregator {header.Aggregator} its header names";
        if (Keccak256.Hash(candidate.Blob) != header.BlobHash) return "its blob does not hash to the header's blob hash";
        if (!isProvisionedAggregator(header.Aggregator)) return $"{header.Aggregator} is not a registered, provisioned aggregator enclave";
        return null;
    }

    /// <summary>As <see cref="RollupSignature.RecoverSigner"/>, from the two public values the signature binds (no reveal schedule needed).</summary>
    private static Address? RecoverSigner(RollupHeader header, ulong l1ChainId, Address rollupContract, byte[] signature)
    {
        if (signature.Length != 65 || signature[64] is not (27 or 28)) return null;
        Span<byte> compact = stackalloc byte[65];
        signature.CopyTo(compact);
        compact[64] -= 27;
        Span<byte> hash = stackalloc byte[32];
        header.SigningHash(l1ChainId, rollupContract).CopyTo(hash);
        return Secp256k1.TryRecoverAddress(hash, compact, out var signer) ? signer : null;
    }
}
