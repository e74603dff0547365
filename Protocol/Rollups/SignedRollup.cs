namespace Obscuro.Protocol.Rollups;

/// <summary>A rollup as published: header, encrypted blob and the enclave's 65-byte signature (v = 27 or 28, as L1's ecrecover expects).</summary>
public sealed record SignedRollup(RollupHeader Header, byte[] Blob, byte[] Signature);
