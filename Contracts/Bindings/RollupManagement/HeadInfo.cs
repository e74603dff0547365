using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// A head the contract still tracks (the <c>trackedHeads</c> view): live, or dead but not yet pruned by a later
/// publication. <paramref name="Excluded"/> heads do not descend from the head named in the last fork resolution.
/// </summary>
public sealed record HeadInfo(Hash256 RollupHash, ulong PublishedAt, bool Live, bool Excluded);
