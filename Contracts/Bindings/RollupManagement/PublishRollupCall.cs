using Obscuro.Protocol.Rollups;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// The arguments of a <c>publishRollup</c> transaction, read back from its calldata: the blob travels only there, so
/// this is how a node gets a rollup's body (and full header) from L1.
/// </summary>
public sealed record PublishRollupCall(RollupHeader Header, ReadOnlyMemory<byte> EncryptedBlob, ReadOnlyMemory<byte> Signature);
