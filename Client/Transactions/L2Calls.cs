using System.Buffers.Binary;
using Obscuro.Client.Amounts;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Client.Transactions;

/// <summary>
/// The calls of the first phase's hard-coded contracts (Protocol/Execution): an ETH transfer is a plain value transfer;
/// a token transfer is <c>transfer(address,uint256)</c> on the wrapped token's L2 address; a withdrawal goes to
/// <see cref="SystemAddresses.Withdrawals"/>, as <c>withdrawTo(address)</c> with the ETH as value, or as
/// <c>withdrawToken(address,uint256,address)</c> (L1 token, amount, L1 recipient).
/// </summary>
public static class L2Calls
{
    public static L2Call Transfer(Asset asset, Address to, UInt256 amount)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return asset.IsEth
            ? new L2Call(to, amount, [], $"transfer {asset.Format(amount)} to {to.ToChecksumString()}")
            : new L2Call(asset.L2Address, UInt256.Zero, Call(HardCodedContracts.TransferSelector, Word(to), Word(amount)), $"transfer {asset.Format(amount)} to {to.ToChecksumString()}");
    }

    public static L2Call Withdraw(Asset asset, Address l1Recipient, UInt256 amount)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var description = $"withdraw {asset.Format(amount)} to {l1Recipient.ToChecksumString()} on L1";
        return asset.IsEth
            ? new L2Call(SystemAddresses.Withdrawals, amount, Call(HardCodedContracts.WithdrawToSelector, Word(l1Recipient)), description)
            : new L2Call(SystemAddresses.Withdrawals, UInt256.Zero, Call(HardCodedContracts.WithdrawTokenSelector, Word(asset.L1Address), Word(amount), Word(l1Recipient)), description);
    }

    private static byte[] Call(uint selector, params byte[][] words)
    {
        var data = new byte[4 + (32 * words.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(data, selector);
        for (var i = 0; i < words.Length; i++)
        {
            words[i].CopyTo(data, 4 + (32 * i));
        }

        return data;
    }

    private static byte[] Word(Address address)
    {
        var word = new byte[32];
        address.CopyTo(word.AsSpan(12));
        return word;
    }

    private static byte[] Word(UInt256 value)
    {
        var word = new byte[32];
        value.WriteBigEndian(word);
        return word;
    }
}
