using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>RollupManagement <c>BlockHashRecorded</c>: the hash of a recent block, saved for extending a head after it leaves the 256-block window.</summary>
public sealed record BlockHashRecordedEvent(ulong BlockNumber, Hash256 BlockHash, LogOrigin Origin) : IContractEvent;
