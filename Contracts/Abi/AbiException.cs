namespace Obscuro.Contracts.Abi;

/// <summary>
/// A type string, a value or ABI-encoded data that does not follow the Solidity ABI. Data from L1 is untrusted, so
/// the message says exactly what is wrong and where (byte offset and parameter path) rather than decoding leniently.
/// </summary>
public sealed class AbiException : FormatException
{
    public AbiException()
        : base("Invalid ABI data.")
    {
    }

    public AbiException(string message)
        : base(message)
    {
    }

    public AbiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
