using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Execution;

/// <summary>Selectors and event topics of the hard-coded contracts (their ABI is Ethereum's).</summary>
public static class HardCodedContracts
{
    /// <summary><c>transfer(address,uint256)</c> on a wrapped token.</summary>
    public static readonly uint TransferSelector = Selector("transfer(address,uint256)");

    /// <summary><c>withdrawTo(address)</c> on <see cref="SystemAddresses.Withdrawals"/>, with the ETH amount as value.</summary>
    public static readonly uint WithdrawToSelector = Selector("withdrawTo(address)");

    /// <summary><c>withdrawToken(address,uint256,address)</c>: L1 token, amount, L1 recipient.</summary>
    public static readonly uint WithdrawTokenSelector = Selector("withdrawToken(address,uint256,address)");

    public static readonly Hash256 TransferTopic = Keccak256.Hash("Transfer(address,address,uint256)"u8);

    public static readonly Hash256 WithdrawalTopic = Keccak256.Hash("WithdrawalRequested(address,address,address,uint256)"u8);

    private static uint Selector(string signature)
    {
        var hash = Keccak256.HashToArray(System.Text.Encoding.ASCII.GetBytes(signature));
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash);
    }
}
