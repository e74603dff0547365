using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.State;

namespace Obscuro.Protocol.Rollups;

/// <summary>
/// Everything a rollup's content is determined by except its transactions and nonce, as the ledger derives it from
/// verified L1 data. The builder and every validator start from the same inputs.
/// </summary>
/// <param name="Parent">The parent's header, or null for the genesis rollup.</param>
/// <param name="ParentState">The state after the parent (<see cref="L2State.Genesis"/> for genesis).</param>
/// <param name="InclusionBlockNumber">The L1 block in which the parent was published (0 for genesis).</param>
/// <param name="InclusionBlockHash">Its hash (zero for genesis).</param>
/// <param name="DependencyBlockNumber">The latest L1 block whose inputs the rollup applies.</param>
/// <param name="DependencyBlockHash">Its hash.</param>
/// <param name="TokenListings">Tokens listed on L1 after the parent's dependency block, up to this one, in L1 order.</param>
/// <param name="Deposits">Deposits made in the same range, in deposit id order.</param>
/// <param name="Rewards">Reward-pool payments due, decided by the lottery rules from L1 data.</param>
/// <param name="FeePerGas">The L2 fee per gas unit set on L1 as of the dependency block; null: the rules' default fee.</param>
/// <param name="DefaultRevealOption">The default reveal option set on L1 as of the dependency block; null: the rules' default.</param>
public sealed record RollupInputs(
    RollupHeader? Parent,
    L2State ParentState,
    ulong InclusionBlockNumber,
    Hash256 InclusionBlockHash,
    ulong DependencyBlockNumber,
    Hash256 DependencyBlockHash,
    IReadOnlyList<TokenInfo> TokenListings,
    IReadOnlyList<L1Deposit> Deposits,
    IReadOnlyList<Reward> Rewards,
    UInt256? FeePerGas = null,
    Crypto.RevealOption? DefaultRevealOption = null)
{
    public ulong Generation => Parent is null ? 0 : Parent.Generation + 1;

    public Hash256 ParentHash => Parent?.Hash ?? Hash256.Zero;
}
