using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Queries;

/// <summary>Answer to <see cref="QueryKind.TokenBalance"/>: <c>rlp([token, amount])</c>.</summary>
public sealed record TokenBalanceAnswer(Address Token, UInt256 Amount)
{
    public byte[] Encode() => RlpEncoding.EncodeList([RlpEncoding.EncodeBytes(Token.ToArray()), RlpEncoding.EncodeUInt(Amount)]);

    public static TokenBalanceAnswer Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new RlpReader(payload);
        var list = reader.ReadList();
        reader.EnsureEnd();
        var result = new TokenBalanceAnswer(list.ReadAddress(), list.ReadUInt256());
        list.EnsureEnd();
        return result;
    }
}
