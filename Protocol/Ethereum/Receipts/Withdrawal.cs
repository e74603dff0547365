using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Receipts;

/// <summary>
/// An EIP-4895 beacon-chain withdrawal, <c>rlp([index, validatorIndex, address, amount])</c>, the item of a block's
/// withdrawalsRoot. <see cref="Amount"/> is in gwei.
/// </summary>
public readonly record struct Withdrawal(ulong Index, ulong ValidatorIndex, Address Address, ulong Amount)
{
    public int EncodedLength => RlpLength.OfList(PayloadLength);

    private int PayloadLength => RlpLength.OfUInt(Index) + RlpLength.OfUInt(ValidatorIndex) + 1 + Address.Size + RlpLength.OfUInt(Amount);

    public byte[] Encode()
    {
        var output = new byte[EncodedLength];
        var writer = new RlpWriter(output);
        writer.WriteListPrefix(PayloadLength);
        writer.WriteUInt(Index);
        writer.WriteUInt(ValidatorIndex);
        writer.WriteAddress(Address);
        writer.WriteUInt(Amount);
        return output;
    }

    /// <exception cref="RlpException">Not exactly one canonically encoded withdrawal.</exception>
    public static Withdrawal Decode(ReadOnlySpan<byte> encoded)
    {
        var outer = new RlpReader(encoded);
        var fields = outer.ReadList();
        outer.EnsureEnd();
        var withdrawal = new Withdrawal(fields.ReadUInt64(), fields.ReadUInt64(), fields.ReadAddress(), fields.ReadUInt64());
        fields.EnsureEnd();
        return withdrawal;
    }
}
