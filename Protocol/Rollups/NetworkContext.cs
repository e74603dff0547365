using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Reveal;

namespace Obscuro.Protocol.Rollups;

/// <summary>What binds rollups to one deployment: the L1 chain and RollupManagement contract (part of the signing
/// hash), the execution rules and the reveal schedule.</summary>
public sealed record NetworkContext(ulong L1ChainId, Address RollupContract, NetworkRules Rules, RevealSchedule Schedule);
