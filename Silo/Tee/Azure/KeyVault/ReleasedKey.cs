namespace Obscuro.Silo.Tee.Azure.KeyVault;

/// <summary>A verified secure key release: which key version was released, its type, and the wrapped material.</summary>
public sealed record ReleasedKey(string KeyId, string KeyType, KeyHsmBlob KeyHsm);
