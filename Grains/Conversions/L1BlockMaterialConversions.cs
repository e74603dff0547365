using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Grains.Conversions;

/// <summary>
/// <see cref="UnverifiedL1Block"/> (what Contracts fetches and verifies) ↔ <see cref="L1BlockMaterial"/> (what travels
/// between grains): the same consensus encodings, withdrawals as their RLP items. Converting changes no byte the
/// verifier checks, so a block verifies on the enclave side exactly as it would have on the host side.
/// </summary>
public static class L1BlockMaterialConversions
{
    public static L1BlockMaterial ToMaterial(this UnverifiedL1Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return new L1BlockMaterial(
            block.ClaimedHash,
            block.Header.ToArray(),
            block.Transactions.Select(transaction => transaction.ToArray()).ToArray(),
            block.Receipts.Select(receipt => receipt.ToArray()).ToArray(),
            block.Withdrawals?.Select(withdrawal => withdrawal.Encode()).ToArray());
    }

    /// <summary>The material as the verifier takes it.</summary>
    /// <exception cref="L1BlockVerificationException">A withdrawal item is not one canonical RLP withdrawal (<see cref="L1BlockRejectionReason.MalformedWithdrawals"/>).</exception>
    public static UnverifiedL1Block ToUnverified(this L1BlockMaterial material)
    {
        ArgumentNullException.ThrowIfNull(material);
        ArgumentNullException.ThrowIfNull(material.Header);
        ArgumentNullException.ThrowIfNull(material.Transactions);
        ArgumentNullException.ThrowIfNull(material.Receipts);
        return new UnverifiedL1Block(
            material.ClaimedHash,
            material.Header,
            material.Transactions.Select(transaction => (ReadOnlyMemory<byte>)transaction).ToArray(),
            material.Receipts.Select(receipt => (ReadOnlyMemory<byte>)receipt).ToArray(),
            material.Withdrawals is null ? null : DecodeWithdrawals(material));
    }

    private static Withdrawal[] DecodeWithdrawals(L1BlockMaterial material)
    {
        var withdrawals = new Withdrawal[material.Withdrawals!.Count];
        for (var i = 0; i < withdrawals.Length; i++)
        {
            try
            {
                withdrawals[i] = Withdrawal.Decode(material.Withdrawals[i]);
            }
            catch (RlpException e)
            {
                throw new L1BlockVerificationException(L1BlockRejectionReason.MalformedWithdrawals, null, material.ClaimedHash, $"withdrawal {i}: {e.Message}", e);
            }
        }

        return withdrawals;
    }
}
