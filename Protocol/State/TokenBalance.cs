using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.State;

/// <summary>One holder's balance of one wrapped ERC-20 token.</summary>
public readonly record struct TokenBalance(UInt256 Amount) : IStateValue<TokenBalance>
{
    public static int EncodedSize => UInt256.Size;

    public void WriteTo(Span<byte> destination) => Amount.WriteBigEndian(destination);
}
