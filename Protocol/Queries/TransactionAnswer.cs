using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Queries;

/// <summary>Answer to <see cref="QueryKind.Transaction"/>: <c>rlp([txHash, state, rollupHash, generation, feePaid, failureReason])</c>.</summary>
public sealed record TransactionAnswer(Hash256 TransactionHash, TransactionState State, Hash256 RollupHash, ulong Generation, UInt256 FeePaid, string FailureReason)
{
    public byte[] Encode() => RlpEncoding.EncodeList([
        RlpEncoding.EncodeBytes(TransactionHash.ToArray()), RlpEncoding.EncodeUInt((ulong)State), RlpEncoding.EncodeBytes(RollupHash.ToArray()),
        RlpEncoding.EncodeUInt(Generation), RlpEncoding.EncodeUInt(FeePaid), RlpEncoding.EncodeBytes(System.Text.Encoding.UTF8.GetBytes(FailureReason))]);

    public static TransactionAnswer Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new RlpReader(payload);
        var list = reader.ReadList();
        reader.EnsureEnd();
        var hash = list.ReadHash();
        var state = list.ReadUInt64();
        if (state > (ulong)TransactionState.Succeeded) throw new RlpException("Invalid RLP: unknown transaction state.");
        var result = new TransactionAnswer(hash, (TransactionState)state, list.ReadHash(), list.ReadUInt64(), list.ReadUInt256(), System.Text.Encoding.UTF8.GetString(list.ReadBytes()));
        list.EnsureEnd();
        return result;
    }
}
