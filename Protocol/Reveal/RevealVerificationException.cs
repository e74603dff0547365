namespace Obscuro.Protocol.Reveal;

/// <summary>A reveal release does not match the rollups on L1; the message says which and how.</summary>
public sealed class RevealVerificationException : Exception
{
    public RevealVerificationException(string message) : base("Reveal verification failed: " + message + ".") { }

    public RevealVerificationException() : base("Reveal verification failed.") { }

    public RevealVerificationException(string message, Exception innerException) : base("Reveal verification failed: " + message + ".", innerException) { }
}
