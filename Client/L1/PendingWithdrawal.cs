using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Client.L1;

/// <summary>An entry of a published rollup's withdrawal list that the bridge has not paid yet.</summary>
/// <param name="RollupHash">The rollup whose header lists it.</param>
/// <param name="Index">Its position in that list (what <c>finalizeWithdrawal</c> takes).</param>
/// <param name="Withdrawal">Recipient, token (zero for ETH) and amount.</param>
/// <param name="AllWithdrawals">The rollup's complete list, which the bridge checks against the stored hash.</param>
/// <param name="PublishedAt">The L1 block the rollup was published in.</param>
public sealed record PendingWithdrawal(Hash256 RollupHash, ulong Index, Withdrawal Withdrawal, IReadOnlyList<Withdrawal> AllWithdrawals, ulong PublishedAt);
