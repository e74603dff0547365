namespace Obscuro.Grains;

/// <summary>
/// Thrown to a client that called a grain interface not marked <see cref="PublicApiAttribute"/>. It names only the
/// interface and method, which the client already knows.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.ClientCallRejectedException")]
public sealed class ClientCallRejectedException : Exception
{
    public ClientCallRejectedException()
        : base("Clients may call only grain interfaces marked [PublicApi].")
    {
    }

    public ClientCallRejectedException(string message)
        : base(message)
    {
    }

    public ClientCallRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static ClientCallRejectedException For(string interfaceName, string methodName) =>
        new($"{interfaceName}.{methodName} is internal to the node: clients may call only grain interfaces marked [PublicApi].");
}
