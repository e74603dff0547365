using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Grains.L1;

/// <summary>
/// Conversions between the grain message <see cref="L1BlockMaterial"/> and the verifier's <see cref="UnverifiedL1Block"/>.
/// The host builds the material from JSON-RPC answers (<see cref="RpcBlockConverter.ToUnverified"/>, then
/// <see cref="ToMaterial"/>); the enclave turns it back and verifies it. Withdrawals travel as their RLP encodings.
/// </summary>
public static class L1BlockMaterials
{
    public static L1BlockMaterial ToMaterial(this UnverifiedL1Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return new L1BlockMaterial(
            block.ClaimedHash,
            block.Header.ToArray(),
            [.. block.Transactions.Select(t => t.ToArray())],
            [.. block.Receipts.Select(r => r.ToArray())],
            block.Withdrawals is null ? null : [.. block.Withdrawals.Select(w => w.Encode())]);
    }

    /// <exception cref="L1BlockVerificationException">A withdrawal is not one canonical RLP withdrawal (<see cref="L1BlockRejectionReason.MalformedWithdrawals"/>).</exception>
    public static UnverifiedL1Block ToUnverified(this L1BlockMaterial material)
    {
        ArgumentNullException.ThrowIfNull(material);
        ArgumentNullException.ThrowIfNull(material.Header);
        ArgumentNullException.ThrowIfNull(material.Transactions);
        ArgumentNullException.ThrowIfNull(material.Receipts);
        Withdrawal[]? withdrawals = null;
        if (material.Withdrawals is { } encoded)
        {
            withdrawals = new Withdrawal[encoded.Count];
            for (var i = 0; i < withdrawals.Length; i++)
            {
                try
                {
                    withdrawals[i] = Withdrawal.Decode(encoded[i]);
                }
                catch (RlpException e)
                {
                    throw new L1BlockVerificationException(L1BlockRejectionReason.MalformedWithdrawals, null, material.ClaimedHash, $"withdrawal {i}: {e.Message}", e);
                }
            }
        }

        return new UnverifiedL1Block(
            material.ClaimedHash,
            material.Header,
            [.. material.Transactions.Select(t => (ReadOnlyMemory<byte>)t)],
            [.. material.Receipts.Select(r => (ReadOnlyMemory<byte>)r)],
            withdrawals);
    }
}
