using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Queries;

/// <summary>Answer to <see cref="QueryKind.Account"/>: <c>rlp([balance, nonce])</c>.</summary>
public sealed record AccountSummary(UInt256 Balance, ulong Nonce)
{
    public byte[] Encode() => RlpEncoding.EncodeList([RlpEncoding.EncodeUInt(Balance), RlpEncoding.EncodeUInt(Nonce)]);

    public static AccountSummary Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new RlpReader(payload);
        var list = reader.ReadList();
        reader.EnsureEnd();
        var result = new AccountSummary(list.ReadUInt256(), list.ReadUInt64());
        list.EnsureEnd();
        return result;
    }
}
