using System.Buffers.Binary;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.State;

/// <summary>The native (ETH) part of an L2 account: balance in wei and the next expected transaction nonce.</summary>
public readonly record struct AccountState(UInt256 Balance, ulong Nonce) : IStateValue<AccountState>
{
    public static int EncodedSize => UInt256.Size + sizeof(ulong);

    public void WriteTo(Span<byte> destination)
    {
        Balance.WriteBigEndian(destination);
        BinaryPrimitives.WriteUInt64BigEndian(destination[UInt256.Size..], Nonce);
    }
}
