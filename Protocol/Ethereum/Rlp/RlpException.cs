namespace Obscuro.Protocol.Ethereum.Rlp;

/// <summary>Input is not canonical RLP. The message says what is wrong and at which byte offset.</summary>
public sealed class RlpException : FormatException
{
    public RlpException(string message) : base(message) { }

    public RlpException(string message, Exception innerException) : base(message, innerException) { }

    public RlpException() : base("Invalid RLP.") { }
}
