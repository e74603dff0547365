namespace Obscuro.Silo.Tee.Azure.Tpm;

/// <summary>The TPM answered with a non-zero response code, or an answer this code cannot parse.</summary>
public sealed class TpmException : Exception
{
    public TpmException()
        : base("The TPM refused the command.")
    {
    }

    public TpmException(string message)
        : base(message)
    {
    }

    public TpmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TpmException(string command, uint responseCode)
        : base($"TPM2_{command} failed with response code 0x{responseCode:X8}.")
    {
        ResponseCode = responseCode;
    }

    /// <summary>The TPM 2.0 response code (0 when the response could not be parsed).</summary>
    public uint ResponseCode { get; }
}
