using Obscuro.Protocol.Chain;

namespace Obscuro.Grains.L1;

/// <summary>
/// What the management contracts did in one verified L1 block: the protocol's view (<see cref="Block"/>, for the ledger)
/// and the registry events the enclave's provisioning follows, each in L1 order.
/// </summary>
public sealed record ExtractedL1Block(L1Block Block, IReadOnlyList<RegistryEvent> Registry, IReadOnlyList<UnreadablePublication> Unreadable);
