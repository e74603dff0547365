namespace Obscuro.Silo.Tee.Azure.KeyVault;

/// <summary>A secure key release answer was refused: its signature, chain, host name, key id or key_hsm is wrong.</summary>
public sealed class KeyReleaseException : Exception
{
    public KeyReleaseException()
        : base("The key release response was refused.")
    {
    }

    public KeyReleaseException(string message)
        : base(message)
    {
    }

    public KeyReleaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
