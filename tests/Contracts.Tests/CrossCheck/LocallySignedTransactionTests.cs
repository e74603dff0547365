using Obscuro.Contracts.Artifacts;
using Obscuro.Contracts.Rpc;
using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Contracts.Tests.Anvil;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Contracts.Tests.CrossCheck;

/// <summary>
/// Transactions of every type signed here (Protocol's Transaction.Sign), sent raw to a real anvil: anvil must accept
/// them and report our hash and our sender, and its JSON for them must rebuild our exact bytes.
/// </summary>
public sealed class LocallySignedTransactionTests : IClassFixture<PragueAnvil>
{
    private static readonly Address Recipient = Address.Parse("0x000000000000000000000000000000000000c0de");
    private static readonly ContractArtifact Probe = ContractArtifacts.Embedded.Get("AbiProbe");
    private readonly PragueAnvil _anvil;

    public LocallySignedTransactionTests(PragueAnvil anvil)
    {
        _anvil = anvil;
    }

    private EthRpcClient Client => _anvil.Client;

    [Theory]
    [InlineData("legacy EIP-155 transfer")]
    [InlineData("legacy EIP-155 contract creation")]
    [InlineData("EIP-2930 call with an access list")]
    [InlineData("EIP-1559 transfer")]
    [InlineData("EIP-1559 contract creation")]
    [InlineData("EIP-7702 delegation")]
    public async Task Anvil_reports_our_hash_and_sender(string kind)
    {
        var sender = await SenderAsync();
        var authority = DevAccount.Unfunded("authority for " + kind);
        Transaction transaction = kind switch
        {
            "legacy EIP-155 transfer" => LocalTransactions.Legacy(sender, Recipient, new UInt256(7), ReadOnlyMemory<byte>.Empty, 21_000),
            "legacy EIP-155 contract creation" => LocalTransactions.Legacy(sender, null, UInt256.Zero, Probe.EncodeDeployment(), 3_000_000),
            "EIP-2930 call with an access list" => LocalTransactions.AccessList(sender, Recipient, UInt256.One, new byte[] { 1, 2, 3 }, 60_000,
                [new AccessListItem(Recipient, [Hash256.Zero, Keccak256.Hash("slot"u8)])]),
            "EIP-1559 transfer" => LocalTransactions.DynamicFee(sender, Recipient, new UInt256(1_000_000_000_000_000), ReadOnlyMemory<byte>.Empty, 21_000),
            "EIP-1559 contract creation" => LocalTransactions.DynamicFee(sender, null, UInt256.Zero, Probe.EncodeDeployment(), 3_000_000),
            "EIP-7702 delegation" => LocalTransactions.SetCode(sender, Recipient, authority, Recipient, ReadOnlyMemory<byte>.Empty, 100_000),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        var raw = transaction.Encode();
        var hash = await Client.SendRawTransactionAsync(raw);
        var receipt = await Client.WaitForReceiptAsync(hash);
        var reported = await Client.GetTransactionByHashAsync(hash);

        Assert.Equal(transaction.ComputeHash(), hash);
        Assert.True(receipt.Succeeded);
        Assert.NotNull(reported);
        Assert.Equal(hash, reported.Hash);
        Assert.Equal(sender.Address, transaction.RecoverSender(PragueAnvil.ChainId));
        Assert.Equal(sender.Address, reported.From);
        Assert.Equal(sender.Address, receipt.From);
        Assert.Equal((byte)transaction.Type, reported.Type);
        Assert.Equal(raw, RpcTransactionConverter.ToTransaction(reported).Encode());
        if (transaction.To is null)
        {
            Assert.Equal(sender.CreatedContractAddress(transaction.Nonce), receipt.ContractAddress);
            Assert.Equal(Probe.DeployedBytecode.ToArray(), await Client.GetCodeAsync(receipt.ContractAddress!.Value, BlockTag.Latest));
        }

        if (transaction is SetCodeTransaction setCode)
        {
            Assert.Equal(authority.Address, setCode.AuthorizationList[0].RecoverAuthority());
            byte[] delegation = [0xef, 0x01, 0x00, .. Recipient.ToArray()];
            Assert.Equal(delegation, await Client.GetCodeAsync(authority.Address, BlockTag.Latest));
        }
    }

    [Fact]
    public async Task Anvil_accepts_a_legacy_transaction_without_replay_protection()
    {
        var sender = await SenderAsync();
        var transaction = LocalTransactions.Legacy(sender, Recipient, UInt256.One, ReadOnlyMemory<byte>.Empty, 21_000, eip155: false);

        var hash = await Client.SendRawTransactionAsync(transaction.Encode());
        var receipt = await Client.WaitForReceiptAsync(hash);
        var reported = await Client.GetTransactionByHashAsync(hash);

        Assert.Null(transaction.ChainId);
        Assert.Contains(transaction.Signature!.Value.V, new[] { new UInt256(27), new UInt256(28) });
        Assert.Equal(transaction.ComputeHash(), hash);
        Assert.True(receipt.Succeeded);
        Assert.Equal(sender.Address, transaction.RecoverSender());
        Assert.Equal(sender.Address, reported!.From);
        Assert.Equal(transaction.Encode(), RpcTransactionConverter.ToTransaction(reported).Encode());
    }

    /// <summary>Account 0 with its nonce read from the node (tests of a class run one at a time).</summary>
    private async Task<DevAccount> SenderAsync()
    {
        var account = DevAccount.Funded(0);
        await account.SyncNonceAsync(Client);
        return account;
    }
}
