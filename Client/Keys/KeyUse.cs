namespace Obscuro.Client.Keys;

/// <summary>Work done with a private key lent for the duration of the call only (the copy is zeroed afterwards).</summary>
internal delegate T KeyUse<out T>(ReadOnlySpan<byte> privateKey);
