using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.L1;

/// <summary>
/// A sent transaction can no longer be mined in order: the L1 node's count of the account's executable transactions is
/// at or below its nonce, because an L1 reorg dropped earlier transactions of the account (anvil does not return them
/// to its pool). The request was not executed; it may still run if the gap is filled later, so send only requests that
/// are safe to repeat again (the next send takes the freed nonce).
/// </summary>
public sealed class L1NonceGapException : Exception
{
    public L1NonceGapException(Address account, ulong nonce, ulong executable)
        : base($"L1 transaction with nonce {nonce} of {account} cannot be mined: the L1 node counts {executable} executable transactions of the account (an L1 reorg dropped earlier ones). It was not executed; send the request again.")
    {
        Nonce = nonce;
    }

    public L1NonceGapException() : base("An L1 reorg left a gap before the transaction's nonce.")
    {
    }

    public L1NonceGapException(string message) : base(message)
    {
    }

    public L1NonceGapException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ulong Nonce { get; }
}
