using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Receipts;

namespace Obscuro.Contracts.Rpc.Verification;

/// <summary>
/// An L1 block as the host hands it to the enclave: nothing but a claimed hash and consensus encodings, so it can
/// cross the grain boundary as plain bytes and be checked by <see cref="L1BlockVerifier"/> without any RPC. Build one
/// from JSON-RPC answers with <see cref="RpcBlockConverter"/>.
/// </summary>
/// <param name="ClaimedHash">The hash the host says the block has.</param>
/// <param name="Header">The header's RLP encoding (exactly the fields the block's fork has).</param>
/// <param name="Transactions">Each transaction's canonical encoding (the typed envelope for typed transactions), in block order.</param>
/// <param name="Receipts">Each receipt's consensus encoding, in block order.</param>
/// <param name="Withdrawals">The EIP-4895 withdrawals; null exactly when the header has no withdrawalsRoot (before Shanghai).</param>
public sealed record UnverifiedL1Block(
    Hash256 ClaimedHash,
    ReadOnlyMemory<byte> Header,
    IReadOnlyList<ReadOnlyMemory<byte>> Transactions,
    IReadOnlyList<ReadOnlyMemory<byte>> Receipts,
    IReadOnlyList<Withdrawal>? Withdrawals);
