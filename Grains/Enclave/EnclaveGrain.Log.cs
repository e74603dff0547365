using Microsoft.Extensions.Logging;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Enclave;

/// <summary>The enclave grain's log lines: public facts only (node ids, enclave and network addresses, L1 blocks, rollup hashes, counts).</summary>
public sealed partial class EnclaveGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Enclave of node {NodeId} started: enclave address {Enclave}, last ingested L1 block {Block}, provisioned: {Provisioned}")]
    private static partial void LogStarted(ILogger logger, string nodeId, Address enclave, ulong block, bool provisioned);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up delay of {Configured} iterations is below the production value on a real TEE; running {Production}")]
    private static partial void LogDelayRaised(ILogger logger, long configured, long production);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId}: after L1 block {Block} the canonical head is generation {Generation} ({Rollup})")]
    private static partial void LogHead(ILogger logger, string nodeId, ulong block, ulong generation, Hash256 rollup);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId}: ledger rebuilt from the anchor over {Blocks} verified L1 blocks")]
    private static partial void LogRebuilt(ILogger logger, string nodeId, int blocks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId}: replay stopped at L1 block {Number} {Hash} ({Remaining} recorded blocks not replayed): {Reason}")]
    private static partial void LogReplayCut(ILogger logger, string nodeId, ulong number, Hash256 hash, int remaining, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {NodeId}: L1 says this enclave was given the master seed, but it cannot use it: {Reason}")]
    private static partial void LogSeedUnreadable(ILogger logger, string nodeId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId}: enclave {Enclave} holds the master seed of network {Network}")]
    private static partial void LogProvisioned(ILogger logger, string nodeId, Address enclave, Address network);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId}: the candidate on parent {Parent} was invalidated by an L1 reorg; rebuilding it with the same nonce")]
    private static partial void LogCandidateRebuilt(ILogger logger, string nodeId, Hash256 parent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId}: candidate rollup generation {Generation} ({Rollup}) with {Transactions} transactions, of {Offered} pending offered ({Unincludable} of them already included or unreadable)")]
    private static partial void LogCandidate(ILogger logger, string nodeId, ulong generation, Hash256 rollup, int transactions, int offered, int unincludable);
}
