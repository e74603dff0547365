namespace Obscuro.Silo.Tee.Azure.KeyVault;

/// <summary>A key wrapped by a vault key: the full versioned key id it was wrapped with, the algorithm, the bytes.</summary>
public sealed record WrappedKey(string KeyId, string Algorithm, byte[] Value);
