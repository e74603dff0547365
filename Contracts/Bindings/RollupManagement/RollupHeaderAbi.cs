using Obscuro.Contracts.Abi;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// Converts the protocol's <see cref="RollupHeader"/> to and from the Solidity <c>RollupHeader</c> tuple, so that the
/// object the enclave signs is exactly what is published (and what a node reads back from calldata).
/// </summary>
public static class RollupHeaderAbi
{
    public static AbiTuple ToTuple(RollupHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new AbiTuple(
            header.ParentHash,
            header.Generation,
            header.InclusionBlockNumber,
            header.InclusionBlockHash,
            header.DependencyBlockNumber,
            header.DependencyBlockHash,
            header.Aggregator,
            header.Nonce,
            header.StateCommitment,
            header.BlobHash,
            header.EncryptedLayout,
            WithdrawalsToAbi(header.Withdrawals),
            header.Rewards.Select(r => new AbiTuple(r.Recipient, r.Amount)).ToArray());
    }

    /// <summary>A header from its decoded tuple; the hash is recomputed from the fields (nothing is taken on trust).</summary>
    public static RollupHeader FromTuple(AbiTuple tuple)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        return new RollupHeader(
            tuple.Hash(0),
            tuple.ULong(1),
            tuple.ULong(2),
            tuple.Hash(3),
            tuple.ULong(4),
            tuple.Hash(5),
            tuple.Address(6),
            tuple.UInt(7),
            tuple.Hash(8),
            tuple.Hash(9),
            tuple.Bytes(10),
            WithdrawalsFromAbi(tuple.List(11)),
            tuple.List(12).Cast<AbiTuple>().Select(r => new Reward(r.Address(0), r.UInt(1))).ToArray());
    }

    /// <summary>A <c>Withdrawal[]</c> argument: one (recipient, token, amount) tuple per entry.</summary>
    public static AbiTuple[] WithdrawalsToAbi(IReadOnlyList<Withdrawal> withdrawals)
    {
        ArgumentNullException.ThrowIfNull(withdrawals);
        return withdrawals.Select(w => new AbiTuple(w.Recipient, w.Token, w.Amount)).ToArray();
    }

    public static Withdrawal[] WithdrawalsFromAbi(IReadOnlyList<object> withdrawals)
    {
        ArgumentNullException.ThrowIfNull(withdrawals);
        return withdrawals.Cast<AbiTuple>().Select(w => new Withdrawal(w.Address(0), w.Address(1), w.UInt(2))).ToArray();
    }
}
