using Obscuro.Contracts.Rpc;
using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Contracts.Tests.Anvil;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Blocks;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Ethereum.Trie;

namespace Obscuro.Contracts.Tests.CrossCheck;

/// <summary>
/// An EIP-4844 transaction signed here and sent with the zero blob. Anvil agrees on its hash and sender, but commits
/// to it in the block by its network form, so the verifier (which follows consensus) rejects anvil's block; these
/// tests pin both facts, on an anvil of their own so no other test meets that block.
/// </summary>
public sealed class BlobTransactionTests : IClassFixture<PragueAnvil>
{
    private static readonly Address Recipient = Address.Parse("0x000000000000000000000000000000000000b10b");
    private readonly PragueAnvil _anvil;

    public BlobTransactionTests(PragueAnvil anvil)
    {
        _anvil = anvil;
    }

    private EthRpcClient Client => _anvil.Client;

    [Fact]
    public async Task Anvil_reports_our_hash_and_sender_and_commits_to_the_network_form()
    {
        var sender = DevAccount.Funded(0);
        await sender.SyncNonceAsync(Client);
        var transaction = LocalTransactions.Blob(sender, Recipient);

        // anvil verifies the KZG proof on receipt; the first time it loads the trusted setup, which takes a few seconds.
        var hash = await Client.SendRawTransactionAsync(BlobSidecar.NetworkFormWithZeroBlob(transaction));
        var receipt = await Client.WaitForReceiptAsync(hash);
        var reported = await Client.GetTransactionByHashAsync(hash);
        var fetched = await new L1BlockFetcher(Client).FetchAsync(receipt.BlockHash);
        var anvilRaw = HexQuantity.ParseData((await Client.RequestAsync("eth_getRawTransactionByHash", [hash.ToString()])).GetString()!);

        // Hash and sender: the canonical form, as consensus defines them.
        Assert.Equal(transaction.ComputeHash(), hash);
        Assert.True(receipt.Succeeded);
        Assert.Equal(sender.Address, reported!.From);
        Assert.Equal(sender.Address, transaction.RecoverSender(PragueAnvil.ChainId));
        Assert.Equal(transaction.Encode(), RpcTransactionConverter.ToTransaction(reported).Encode());
        Assert.Equal(131_072UL, fetched!.Block.BlobGasUsed);

        // The block: anvil's transactionsRoot is over the network form it hands out raw, not over the canonical form.
        Assert.Equal(fetched.Block.TransactionsRoot, MerklePatriciaTrie.ComputeOrderedRoot([anvilRaw]));
        Assert.NotEqual(fetched.Block.TransactionsRoot, BlockRoots.Transactions([transaction]));
        var rejected = Assert.Throws<L1BlockVerificationException>(() => L1BlockVerifier.Verify(fetched.Block, fetched.Receipts));
        Assert.Equal(L1BlockRejectionReason.TransactionsRootMismatch, rejected.Reason);
        Assert.Equal(receipt.BlockNumber, rejected.BlockNumber);
        Assert.Contains("blob transaction", rejected.Message, StringComparison.Ordinal);

        // Everything else about the block is consensus-correct: with the root anvil computed, the rest verifies.
        var unverified = fetched.ToUnverified();
        Assert.Throws<TransactionFormatException>(() => Transaction.Decode(anvilRaw));
        Assert.Equal(fetched.Block.Hash, Keccak256.Hash(unverified.Header.Span));
        Assert.Equal(fetched.Block.ReceiptsRoot, MerklePatriciaTrie.ComputeOrderedRoot(unverified.Receipts));
    }
}
