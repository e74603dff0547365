namespace Obscuro.Silo.Devnet;

/// <summary>
/// Why the devnet cannot start, in one line an operator can act on (a port in use, anvil missing, a bad option);
/// the command prints the message alone, without a stack trace, and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class DevnetStartupException : Exception
{
    public DevnetStartupException()
        : this("The devnet could not start.")
    {
    }

    public DevnetStartupException(string message)
        : this(message, 1)
    {
    }

    public DevnetStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = 1;
    }

    public DevnetStartupException(string message, int exitCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    /// <summary>2 for a malformed command line, 1 for anything else.</summary>
    public int ExitCode { get; }
}
