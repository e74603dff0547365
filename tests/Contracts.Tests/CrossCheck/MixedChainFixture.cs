using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Artifacts;
using Obscuro.Contracts.Rpc;
using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Contracts.Tests.CrossCheck;

/// <summary>
/// A Prague anvil driven, with mining on demand, through a setup block and <see cref="MixedBlocks"/> blocks of 3 to 7
/// locally signed transactions each: every transaction type anvil puts in blocks we can verify (legacy with and
/// without EIP-155, EIP-2930, EIP-1559, EIP-7702), contract deployments, calls that emit events, calls that revert.
/// Then every block from genesis to the head is fetched once, as the node returns it, for the tests to check.
/// </summary>
public sealed class MixedChainFixture : IAsyncLifetime, IDisposable
{
    public const int MixedBlocks = 32;

    private static readonly ContractArtifact Probe = ContractArtifacts.Embedded.Get("AbiProbe");
    private static readonly ContractArtifact Token = ContractArtifacts.Embedded.Get("TestToken");
    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000be5e7");

    private readonly PragueAnvil _anvil = new();
    private readonly List<(Hash256 Hash, Kind Kind)> _sent = [];
    private readonly List<FetchedL1Block> _blocks = [];
    private DevAccount[] _senders = [];
    private Address _probe;
    private Address _token;
    private int _deployments;

    /// <summary>What each mixed transaction does; the fixture cycles through these.</summary>
    public enum Kind
    {
        LegacyTransfer,
        UnprotectedLegacyTransfer,
        AccessListEventCall,
        DynamicFeeTransfer,
        DynamicFeeTokenMint,
        LegacyTokenTransfer,
        SetCodeDelegation,
        Deployment,
        RevertingCall,
        DynamicFeeEventCall,
    }

    public EthRpcClient Client => _anvil.Client;

    /// <summary>Every block from genesis to the head, as fetched (unverified).</summary>
    public IReadOnlyList<FetchedL1Block> Blocks => _blocks;

    /// <summary>Every transaction the fixture sent, with what it was meant to do.</summary>
    public IReadOnlyList<(Hash256 Hash, Kind Kind)> Sent => _sent;

    public async Task InitializeAsync()
    {
        await _anvil.InitializeAsync();
        await Client.RequestAsync("anvil_setAutomine", [false]);
        _senders = Enumerable.Range(0, 5).Select(DevAccount.Funded).ToArray();
        foreach (var sender in _senders)
        {
            await sender.SyncNonceAsync(Client);
        }

        // Setup block: the two contracts, and tokens for every sender so their token transfers succeed.
        var probeDeployment = LocalTransactions.DynamicFee(_senders[0], null, UInt256.Zero, Probe.EncodeDeployment(), 3_000_000);
        _probe = _senders[0].CreatedContractAddress(probeDeployment.Nonce);
        var tokenDeployment = LocalTransactions.Legacy(_senders[1], null, UInt256.Zero, Token.EncodeDeployment("Test", "TST"), 3_000_000);
        _token = _senders[1].CreatedContractAddress(tokenDeployment.Nonce);
        await SendAsync(probeDeployment, Kind.Deployment);
        await SendAsync(tokenDeployment, Kind.Deployment);
        await MineAsync();
        foreach (var sender in _senders)
        {
            await SendAsync(LocalTransactions.DynamicFee(sender, _token, UInt256.Zero, Token.Abi.GetFunction("mint").EncodeCall(sender.Address, new UInt256(1_000_000)), 200_000),
                Kind.DynamicFeeTokenMint);
        }

        await MineAsync();

        var kinds = Enum.GetValues<Kind>();
        for (var block = 0; block < MixedBlocks; block++)
        {
            var count = 3 + (block % 5);
            for (var k = 0; k < count; k++)
            {
                var kind = kinds[((block * 7) + k) % kinds.Length];
                await SendAsync(Build(kind, _senders[(block + k) % _senders.Length], $"{block}/{k}"), kind);
            }

            await MineAsync();
        }

        var head = await Client.GetBlockNumberAsync();
        var fetcher = new L1BlockFetcher(Client);
        for (ulong number = 0; number <= head; number++)
        {
            _blocks.Add(await fetcher.FetchAsync(BlockTag.At(number)) ?? throw new InvalidOperationException($"anvil has no block {number} below its head {head}."));
        }
    }

    public Task DisposeAsync() => _anvil.DisposeAsync();

    public void Dispose() => _anvil.Dispose();

    private Transaction Build(Kind kind, DevAccount sender, string tag)
    {
        var emit = Probe.Abi.GetFunction("emitEvents").EncodeCall(new UInt256((ulong)tag.Length), tag, new byte[] { 0xca, 0xfe }, new AbiTuple(9UL, "in", new object[] { Keccak256.HashToArray("tag"u8) }));
        return kind switch
        {
            Kind.LegacyTransfer => LocalTransactions.Legacy(sender, Recipient, new UInt256(1_000), ReadOnlyMemory<byte>.Empty, 21_000),
            Kind.UnprotectedLegacyTransfer => LocalTransactions.Legacy(sender, Recipient, new UInt256(2_000), ReadOnlyMemory<byte>.Empty, 21_000, eip155: false),
            Kind.AccessListEventCall => LocalTransactions.AccessList(sender, _probe, UInt256.Zero, emit, 400_000, [new AccessListItem(_probe, [Hash256.Zero])]),
            Kind.DynamicFeeTransfer => LocalTransactions.DynamicFee(sender, Recipient, new UInt256(3_000), ReadOnlyMemory<byte>.Empty, 21_000),
            Kind.DynamicFeeTokenMint => LocalTransactions.DynamicFee(sender, _token, UInt256.Zero, Token.Abi.GetFunction("mint").EncodeCall(Recipient, new UInt256(5)), 200_000),
            Kind.LegacyTokenTransfer => LocalTransactions.Legacy(sender, _token, UInt256.Zero, Token.Abi.GetFunction("transfer").EncodeCall(Recipient, UInt256.One), 200_000),
            Kind.SetCodeDelegation => LocalTransactions.SetCode(sender, Recipient, DevAccount.Unfunded("authority " + tag), _probe, ReadOnlyMemory<byte>.Empty, 100_000),
            Kind.Deployment => _deployments++ % 2 == 0
                ? LocalTransactions.AccessList(sender, null, UInt256.Zero, Token.EncodeDeployment("Token " + tag, "T"), 3_000_000, [])
                : LocalTransactions.DynamicFee(sender, null, UInt256.Zero, Probe.EncodeDeployment(), 3_000_000),
            Kind.RevertingCall => LocalTransactions.DynamicFee(sender, _probe, UInt256.Zero, Probe.Abi.GetFunction("failRequire").EncodeCall("no " + tag), 100_000),
            Kind.DynamicFeeEventCall => LocalTransactions.DynamicFee(sender, _probe, UInt256.Zero, emit, 400_000),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private async Task SendAsync(Transaction transaction, Kind kind) =>
        _sent.Add((await Client.SendRawTransactionAsync(transaction.Encode()), kind));

    /// <summary>Mines one block holding everything pending, and checks it did.</summary>
    private async Task MineAsync()
    {
        await Client.MineAsync();
        var (last, _) = _sent[^1];
        if (await Client.GetTransactionReceiptAsync(last) is null)
        {
            throw new InvalidOperationException($"anvil mined a block without the last transaction sent ({last}).");
        }
    }
}
