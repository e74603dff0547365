using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Blocks;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Ethereum.Trie;

namespace Obscuro.Protocol.Tests.Ethereum.Receipts;

public class WithdrawalTests
{
    [Fact]
    public void Encodes_the_four_fields_as_a_list()
    {
        // [index 0 → 0x80, validator 1 → 0x01, address → 0x94 + 20 bytes, amount 32 ETH in gwei → 0x850773594000]
        var withdrawal = new Withdrawal(0, 1, Address.Parse("0x00000000000000000000000000000000000000aa"), 32_000_000_000);
        Assert.Equal("0xdd80019400000000000000000000000000000000000000aa850773594000", Hex.Encode(withdrawal.Encode()));
        Assert.Equal(withdrawal.EncodedLength, withdrawal.Encode().Length);
        Assert.Equal(withdrawal, Withdrawal.Decode(withdrawal.Encode()));
    }

    [Fact]
    public void Withdrawals_root_is_the_ordered_trie_of_the_encodings()
    {
        Assert.Equal(MerklePatriciaTrie.EmptyRoot, BlockRoots.Withdrawals([]));
        var withdrawals = Enumerable.Range(0, 16).Select(i => new Withdrawal((ulong)i, (ulong)(1000 + i), Address.Zero, (ulong)i * 7)).ToArray();
        Assert.Equal(MerklePatriciaTrie.ComputeOrderedRoot(withdrawals.Select(w => w.Encode()).ToArray()), BlockRoots.Withdrawals(withdrawals));
    }

    [Fact]
    public void Decoding_rejects_extra_fields()
    {
        var encoded = RlpEncoding.EncodeList([RlpEncoding.EncodeUInt(0), RlpEncoding.EncodeUInt(1), RlpEncoding.EncodeBytes(new byte[20]),
            RlpEncoding.EncodeUInt(2), RlpEncoding.EncodeUInt(3)]);
        Assert.Throws<RlpException>(() => Withdrawal.Decode(encoded));
    }
}
