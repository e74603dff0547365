using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Execution;

namespace Obscuro.Grains.Enclave;

/// <summary>What the enclave keeps about one verified L1 block: its place, its deposits (to know whom a rollup credits) and the registry after it.</summary>
public sealed record ChainBlock(L1BlockRef Ref, IReadOnlyList<L1Deposit> Deposits, RegistryView Registry);
