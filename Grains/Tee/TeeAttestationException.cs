namespace Obscuro.Grains.Tee;

/// <summary>The local TEE could not be attested (or there is none), so nothing that needs it may run here.</summary>
[GenerateSerializer]
[Alias("Obscuro.TeeAttestationException")]
public sealed class TeeAttestationException : Exception
{
    public TeeAttestationException()
        : base("The local TEE could not be attested.")
    {
    }

    public TeeAttestationException(string message)
        : base(message)
    {
    }

    public TeeAttestationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
