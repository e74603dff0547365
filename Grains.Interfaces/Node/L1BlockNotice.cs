using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>
/// An L1 block on the node's L1 stream (ARCHITECTURE §6). Blocks arrive in order along the L1 node's canonical chain;
/// after a reorg, the new branch arrives from the common ancestor's child, so a notice whose parent is not the last
/// one delivered means "switch to this fork". Consumers are idempotent by <see cref="Hash"/>. Only the reference
/// travels; whoever needs the contents fetches and (in the enclave) verifies them.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.L1BlockNotice")]
public sealed record L1BlockNotice(
    [property: Id(0)] Hash256 Hash,
    [property: Id(1)] Hash256 ParentHash,
    [property: Id(2)] ulong Number);
