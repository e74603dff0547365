namespace Obscuro.Protocol.Reveal;

/// <summary>A reveal release does not match the rollups on L1; <see cref="Failure"/> says what, the message which rollup and how.</summary>
public sealed class RevealVerificationException : Exception
{
    public RevealVerificationException(RevealFailure failure, string message) : base("Reveal verification failed: " + message + ".")
    {
        Failure = failure;
    }

    public RevealVerificationException(string message) : this(RevealFailure.Rollups, message) { }

    public RevealVerificationException() : base("Reveal verification failed.") { }

    public RevealVerificationException(string message, Exception innerException) : base("Reveal verification failed: " + message + ".", innerException) { }

    public RevealFailure Failure { get; }
}
