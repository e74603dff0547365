using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.State;

namespace Obscuro.Protocol.Chain;

/// <summary>
/// Something the management contracts did in a verified L1 block that the L2 must follow, in L1 order. The enclave
/// extracts these from blocks whose hash, transactions root and receipts root it has checked itself, and only from
/// successful transactions to the contracts it was configured with.
/// </summary>
public abstract record L1Event;

/// <summary>A bridge deposit (credited on L2 by the first canonical rollup that depends on this block or later).</summary>
public sealed record DepositEvent(L1Deposit Deposit) : L1Event;

/// <summary>A token allow-listed by governance, with its reveal option.</summary>
public sealed record TokenListedEvent(TokenInfo Token) : L1Event;

/// <summary>A node registered on NetworkManagement: its enclave address and the operator that pays and is paid.</summary>
public sealed record NodeRegisteredEvent(Address EnclaveAddress, Address Operator, bool IsAggregator) : L1Event;

/// <summary>
/// Governance set the L2 fee per gas unit on NetworkManagement (also emitted once by its constructor). Rollups that
/// depend on this block or a later one charge <see cref="NetworkRules.FeeFor"/> of it per transaction.
/// </summary>
public sealed record L2FeeChangedEvent(UInt256 FeePerGas) : L1Event;

/// <summary>
/// Governance fixed the reveal parameters on NetworkManagement (<c>RevealParametersSet</c>), among them the default
/// option: rollups that depend on this block or a later one put transactions to contracts without a registered option
/// (ETH transfers, withdrawals) in <paramref name="Option"/>'s group.
/// </summary>
public sealed record DefaultRevealOptionSetEvent(Crypto.RevealOption Option) : L1Event;

/// <summary>A rollup accepted by RollupManagement, as read from the publishing transaction's calldata.</summary>
public sealed record RollupPublishedEvent(SignedRollup Rollup) : L1Event;
