using System.Security.Cryptography;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>Thrown by the recovery methods that return the signer directly; <see cref="Error"/> says what was wrong.</summary>
public sealed class InvalidSignatureException : CryptographicException
{
    public InvalidSignatureException(SignatureError error, string message) : base(message) => Error = error;

    public InvalidSignatureException(string message) : base(message) { }

    public InvalidSignatureException(string message, Exception innerException) : base(message, innerException) { }

    public InvalidSignatureException() { }

    public SignatureError Error { get; }
}
