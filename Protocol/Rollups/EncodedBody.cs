namespace Obscuro.Protocol.Rollups;

/// <summary>A rollup body ready for the header: the blob (published on L1), the encrypted layout, and the layout itself
/// (kept inside the enclave to answer reveal requests).</summary>
public sealed record EncodedBody(byte[] Blob, byte[] EncryptedLayout, RollupLayout Layout);
