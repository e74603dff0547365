using System.Text;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Contracts.Tests.CrossCheck;

/// <summary>
/// An account whose key we hold, so transactions are signed locally by Protocol code rather than by anvil. Tracks
/// its next nonce itself, because with mining off the node's count lags behind what we sent.
/// </summary>
public sealed class DevAccount
{
    /// <summary>Accounts 0 to 5 of anvil's public test mnemonic ("test test … junk"), funded with 10,000 ETH each.</summary>
    private static readonly string[] MnemonicKeys =
    [
        "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
        "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
    ];

    private ulong _nextNonce;

    private DevAccount(byte[] privateKey)
    {
        PrivateKey = privateKey;
        Address = Secp256k1.DeriveAddress(privateKey);
    }

    public byte[] PrivateKey { get; }

    public Address Address { get; }

    public static DevAccount Funded(int index) => new(Hex.Decode(MnemonicKeys[index]));

    /// <summary>A key nobody funded (an EIP-7702 authority needs no balance), derived from <paramref name="seed"/>.</summary>
    public static DevAccount Unfunded(string seed) => new(Keccak256.HashToArray(Encoding.UTF8.GetBytes(seed)));

    /// <summary>Starts nonce tracking at the node's pending count.</summary>
    public async Task SyncNonceAsync(EthRpcClient client) =>
        _nextNonce = await client.GetTransactionCountAsync(Address, BlockTag.Pending);

    public ulong TakeNonce() => _nextNonce++;

    /// <summary>The address of the contract this account creates with <paramref name="nonce"/>: keccak(rlp([sender, nonce]))[12..].</summary>
    public Address CreatedContractAddress(ulong nonce)
    {
        var payload = 1 + Address.Size + RlpLength.OfUInt(nonce);
        var encoded = new byte[RlpLength.OfList(payload)];
        var writer = new RlpWriter(encoded);
        writer.WriteListPrefix(payload);
        writer.WriteAddress(Address);
        writer.WriteUInt(nonce);
        return new Address(Keccak256.HashToArray(encoded).AsSpan(12));
    }

    public override string ToString() => Address.ToChecksumString();
}
