using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Protocol.Tests.Rollups;

/// <summary>Pins the rollup hash and signing hash (FORMATS.md); the contract tests check the same values on chain.</summary>
public class RollupHeaderVectorTests
{
    private static RollupHeader Header() => new(
        Keccak256.Hash("parent"u8), 7, 100, Keccak256.Hash("inclusion"u8), 101, Keccak256.Hash("dependency"u8),
        Address.Parse("0x1111111111111111111111111111111111111111"), new UInt256(123456789), Keccak256.Hash("state"u8),
        Keccak256.Hash("blob"u8), [1, 2, 3],
        [new Withdrawal(Address.Parse("0x2222222222222222222222222222222222222222"), Address.Zero, new UInt256(5))],
        [new Reward(Address.Parse("0x3333333333333333333333333333333333333333"), new UInt256(9))]);

    [Fact]
    public void Rollup_hash_is_pinned() =>
        Assert.Equal(Pinned.RollupHash, Header().Hash.ToString());

    [Fact]
    public void Signing_hash_binds_chain_and_contract()
    {
        var contract = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
        Assert.Equal(Pinned.SigningHash, Header().SigningHash(31337, contract).ToString());
        Assert.NotEqual(Header().SigningHash(31337, contract), Header().SigningHash(1, contract));
        Assert.NotEqual(Header().SigningHash(31337, contract), Header().SigningHash(31337, Address.Zero));
    }

    [Fact]
    public void Empty_lists_hash_as_abi_encoded_empty_arrays()
    {
        // keccak256(abi.encode(new Withdrawal[](0))) = keccak256(0x20 ‖ 0)
        var expected = Keccak256.Hash([.. new UInt256(32).ToBigEndianArray(), .. new byte[32]]);
        Assert.Equal(expected, RollupHeader.HashWithdrawals([]));
        Assert.Equal(expected, RollupHeader.HashRewards([]));
    }

    private static class Pinned
    {
        public const string RollupHash = "0x5f1b09db0bb687f44a3dd51f2c68521b44bc04586dddc558d5844e43b1c779c9";
        public const string SigningHash = "0x0451a75dad9b9c7ad4c69279f50020617f023f78043d70a99a9add7681144a8a";
    }
}
