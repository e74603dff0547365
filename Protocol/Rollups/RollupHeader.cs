using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Protocol.Rollups;

/// <summary>
/// The public header of a rollup, exactly the <c>RollupHeader</c> struct the RollupManagement contract receives
/// (Contracts/Solidity/FORMATS.md). Its <see cref="Hash"/> is the rollup's identity on L1 and L2.
/// </summary>
public sealed class RollupHeader
{
    /// <param name="parentHash">Zero for the genesis rollup.</param>
    /// <param name="generation">Genesis 0; a child is its parent's generation + 1.</param>
    /// <param name="inclusionBlockNumber">The L1 block in which the parent was published (the proof of block inclusion).</param>
    /// <param name="inclusionBlockHash">That block's hash.</param>
    /// <param name="dependencyBlockNumber">The latest L1 block whose deposits this rollup has applied.</param>
    /// <param name="dependencyBlockHash">That block's hash: if it leaves the canonical L1 chain, this rollup is invalid.</param>
    /// <param name="aggregator">Enclave address of the producer, which signs the header.</param>
    /// <param name="nonce">The POBI lottery nonce drawn by the producer's enclave for this parent.</param>
    /// <param name="stateCommitment">Keyed commitment to the state after this rollup.</param>
    /// <param name="blobHash">Keccak-256 of the encrypted transaction blob.</param>
    /// <param name="encryptedLayout">Positions of each reveal option's group in the blob, under the layout key.</param>
    /// <param name="withdrawals">What the L1 bridge may pay out for this rollup.</param>
    /// <param name="rewards">Reward-pool payments this rollup makes.</param>
    public RollupHeader(
        Hash256 parentHash,
        ulong generation,
        ulong inclusionBlockNumber,
        Hash256 inclusionBlockHash,
        ulong dependencyBlockNumber,
        Hash256 dependencyBlockHash,
        Address aggregator,
        UInt256 nonce,
        Hash256 stateCommitment,
        Hash256 blobHash,
        ReadOnlySpan<byte> encryptedLayout,
        IReadOnlyList<Withdrawal> withdrawals,
        IReadOnlyList<Reward> rewards)
    {
        ArgumentNullException.ThrowIfNull(withdrawals);
        ArgumentNullException.ThrowIfNull(rewards);
        ParentHash = parentHash;
        Generation = generation;
        InclusionBlockNumber = inclusionBlockNumber;
        InclusionBlockHash = inclusionBlockHash;
        DependencyBlockNumber = dependencyBlockNumber;
        DependencyBlockHash = dependencyBlockHash;
        Aggregator = aggregator;
        Nonce = nonce;
        StateCommitment = stateCommitment;
        BlobHash = blobHash;
        EncryptedLayout = encryptedLayout.ToArray();
        Withdrawals = [.. withdrawals];
        Rewards = [.. rewards];
        Hash = ComputeHash();
    }

    public Hash256 ParentHash { get; }

    public ulong Generation { get; }

    public ulong InclusionBlockNumber { get; }

    public Hash256 InclusionBlockHash { get; }

    public ulong DependencyBlockNumber { get; }

    public Hash256 DependencyBlockHash { get; }

    public Address Aggregator { get; }

    public UInt256 Nonce { get; }

    public Hash256 StateCommitment { get; }

    public Hash256 BlobHash { get; }

    public ReadOnlyMemory<byte> EncryptedLayout { get; }

    public IReadOnlyList<Withdrawal> Withdrawals { get; }

    public IReadOnlyList<Reward> Rewards { get; }

    /// <summary>
    /// keccak256(abi.encode(parentHash, generation, inclusionBlockNumber, inclusionBlockHash, dependencyBlockNumber,
    /// dependencyBlockHash, aggregator, nonce, stateCommitment, blobHash, keccak256(encryptedLayout),
    /// keccak256(abi.encode(withdrawals)), keccak256(abi.encode(rewards)))). Computed once: the header is immutable.
    /// </summary>
    public Hash256 Hash { get; }

    public bool IsGenesis => ParentHash.IsZero;

    /// <summary>What the aggregator's enclave signs: binds the rollup to one L1 chain and one RollupManagement contract.</summary>
    public Hash256 SigningHash(ulong l1ChainId, in Address rollupManagement)
    {
        Span<byte> words = stackalloc byte[4 * 32];
        var writer = new AbiWordWriter(words);
        writer.Write(RollupSigningTag);
        writer.Write(l1ChainId);
        writer.Write(rollupManagement);
        writer.Write(Hash);
        return Keccak256.Hash(writer.Written);
    }

    public static readonly Hash256 RollupSigningTag = Keccak256.Hash("Obscuro.RollupManagement.rollup.v1"u8);

    /// <summary>keccak256(abi.encode(Withdrawal[])): 0x20 ‖ length ‖ (recipient, token, amount)*.</summary>
    public static Hash256 HashWithdrawals(IReadOnlyList<Withdrawal> withdrawals)
    {
        ArgumentNullException.ThrowIfNull(withdrawals);
        var buffer = new byte[64 + (withdrawals.Count * 96)];
        var writer = new AbiWordWriter(buffer);
        writer.Write(32UL);
        writer.Write((ulong)withdrawals.Count);
        foreach (var w in withdrawals)
        {
            writer.Write(w.Recipient);
            writer.Write(w.Token);
            writer.Write(w.Amount);
        }

        return Keccak256.Hash(buffer);
    }

    /// <summary>keccak256(abi.encode(Reward[])): 0x20 ‖ length ‖ (recipient, amount)*.</summary>
    public static Hash256 HashRewards(IReadOnlyList<Reward> rewards)
    {
        ArgumentNullException.ThrowIfNull(rewards);
        var buffer = new byte[64 + (rewards.Count * 64)];
        var writer = new AbiWordWriter(buffer);
        writer.Write(32UL);
        writer.Write((ulong)rewards.Count);
        foreach (var r in rewards)
        {
            writer.Write(r.Recipient);
            writer.Write(r.Amount);
        }

        return Keccak256.Hash(buffer);
    }

    private Hash256 ComputeHash()
    {
        Span<byte> words = stackalloc byte[13 * 32];
        var writer = new AbiWordWriter(words);
        writer.Write(ParentHash);
        writer.Write(Generation);
        writer.Write(InclusionBlockNumber);
        writer.Write(InclusionBlockHash);
        writer.Write(DependencyBlockNumber);
        writer.Write(DependencyBlockHash);
        writer.Write(Aggregator);
        writer.Write(Nonce);
        writer.Write(StateCommitment);
        writer.Write(BlobHash);
        writer.Write(Keccak256.Hash(EncryptedLayout.Span));
        writer.Write(HashWithdrawals(Withdrawals));
        writer.Write(HashRewards(Rewards));
        return Keccak256.Hash(writer.Written);
    }
}
