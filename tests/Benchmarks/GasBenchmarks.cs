using System.Text;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Registration;
using Obscuro.Protocol.Reveal;
using Obscuro.Protocol.Rollups;
using Obscuro.Silo.Devnet;

namespace Obscuro.Benchmarks;

/// <summary>
/// Gas used by the management contracts on a real anvil (Prague rules, so calldata pays the EIP-7623 floor), from the
/// receipts of locally signed transactions: publishRollup by blob size, deposits, withdrawals and registration.
/// Gas is deterministic for a given contract build and chain state, so one transaction per row is the measurement.
/// </summary>
internal static class GasBenchmarks
{
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);
    private static readonly Hash256 Measurement = Keccak256.Hash("Obscuro.Benchmarks.measurement"u8);
    private static readonly Hash256 Authority = Keccak256.Hash("Obscuro.Benchmarks.authority"u8);

    public static void Run(Report report) => RunAsync(report).GetAwaiter().GetResult();

    private static async Task RunAsync(Report report)
    {
        using var http = new HttpClient();
        await using var anvil = await AnvilProcess.StartAsync(hardfork: "prague");
        var rpc = anvil.CreateClient(http);
        var chainId = await rpc.GetChainIdAsync();

        using var governance = await FundedSenderAsync(rpc, "governance");
        using var operatorA = await FundedSenderAsync(rpc, "operator A");
        using var operatorB = await FundedSenderAsync(rpc, "operator B");
        using var user = await FundedSenderAsync(rpc, "user");
        using var enclaveA = Key("enclave A");
        using var enclaveB = Key("enclave B");
        using var seed = MasterSeed.Generate(new DeterministicRandomSource("Obscuro.Benchmarks.seed"u8));
        using var schedule = new KeySchedule(seed);
        using var networkKey = schedule.NetworkKeyPair();

        var parameters = DeploymentParameters.Devnet(Measurement, Authority) with { TestToken = new TestTokenParameters() };
        var contracts = await ManagementContractsDeployer.DeployAsync(governance, rpc, parameters);
        var nm = contracts.NetworkManagement.Address;
        var minimumStake = parameters.MinimumStake;
        var fee = parameters.RegistrationFee;

        // Registration: A registers as an aggregator and initialises the network; B registers; A answers B.
        var registerA = await RegisterAsync(contracts.WithSender(operatorA).NetworkManagement, enclaveA, chainId, operatorA.Account, fee + minimumStake);
        var seedForA = EncryptSeed(seed, enclaveA);
        var initDigest = RegistrationDigests.Initialize(chainId, nm, enclaveA.Address, networkKey.PublicKey, seedForA);
        var initialize = await contracts.WithSender(operatorA).NetworkManagement.InitializeNetworkAsync(
            enclaveA.Address, networkKey.PublicKey.ToArray(), seedForA, RegistrationDigests.Sign(initDigest, enclaveA), RegistrationDigests.Sign(initDigest, networkKey));
        var registerB = await RegisterAsync(contracts.WithSender(operatorB).NetworkManagement, enclaveB, chainId, operatorB.Account, fee + minimumStake);
        var seedForB = EncryptSeed(seed, enclaveB);
        var respond = await contracts.WithSender(user).NetworkManagement.RespondSecretAsync(
            enclaveB.Address,
            seedForB,
            RegistrationDigests.Sign(RegistrationDigests.SecretKnowledge(chainId, nm, enclaveB.Address, seedForB), networkKey),
            RegistrationDigests.Sign(RegistrationDigests.SecretResponse(chainId, nm, enclaveB.Address, seedForB), enclaveA));
        report.Add(Gas("register (first node, aggregator)", registerA));
        report.Add(Gas("register (aggregator)", registerB, "pays fee and stake; stores key, endpoint, attestation"));
        report.Add(Gas("initializeNetwork", initialize, "two ecrecovers; stores key and seed; refunds the fee"));
        report.Add(Gas("respondSecret", respond, $"{seedForB.Length}-byte seed; two ecrecovers; pays the fee to the responder"));

        // Deposits: the first of each asset initialises its counters; later ones are the steady state.
        var bridge = contracts.WithSender(user).Bridge;
        var token = contracts.WithSender(user).TestToken!;
        var firstEth = await bridge.DepositEthAsync(user.Account, Ether * new UInt256(10));
        var eth = await bridge.DepositEthAsync(user.Account, Ether);
        await token.MintAsync(user.Account, new UInt256(1_000_000));
        await token.ApproveAsync(bridge.Address, new UInt256(1_000_000));
        var firstToken = await bridge.DepositTokenAsync(token.Address, new UInt256(1_000), user.Account);
        var tokenDeposit = await bridge.DepositTokenAsync(token.Address, new UInt256(1_000), user.Account);
        report.Add(Gas("depositETH", eth, $"the bridge's first ETH deposit: {firstEth.Receipt.GasUsed:N0}"));
        report.Add(Gas("depositToken", tokenDeposit, $"the bridge's first deposit of the token: {firstToken.Receipt.GasUsed:N0}; approve not included"));

        // Rollups: a chain by A, each child extending the head, with blobs of growing size and no withdrawals.
        var network = new NetworkContext(chainId, contracts.RollupManagement.Address, NetworkRules.Devnet, RevealSchedule.Default);
        var publisher = contracts.WithSender(operatorA).RollupManagement;
        var genesis = await PublishAsync(rpc, publisher, network, enclaveA, Hash256.Zero, 0, 0, [], "genesis");
        var parent = (genesis.Hash, Generation: 0UL, PublishedAt: genesis.Result.Receipt.BlockNumber);
        ulong headerOnly = 0;
        foreach (var kib in new[] { 0, 1, 10, 100 })
        {
            var blob = Blob(kib * 1024, $"blob {kib}");
            var (hash, result) = await PublishAsync(rpc, publisher, network, enclaveA, parent.Hash, parent.Generation + 1, parent.PublishedAt, blob, $"rollup {kib}");
            var gas = result.Receipt.GasUsed;
            headerOnly = kib == 0 ? gas : headerOnly;
            report.Add(Gas($"publishRollup, blob {kib} KiB", result, kib == 0
                ? "header only: signature, proof of inclusion, tree update"
                : $"+{(gas - headerOnly) / (kib * 1024.0):N1} gas per blob byte over header-only"));
            parent = (hash, parent.Generation + 1, result.Receipt.BlockNumber);
        }

        // Under Prague a transaction pays at least 10 gas per calldata token (a non-zero byte is 4 tokens), and a large
        // random blob reaches that floor: from there, the contract's execution costs nothing extra.
        report.Add(new("gas", "calldata floor (EIP-7623) of a 100 KiB random blob", 21_000 + (10UL * 4 * 100 * 1024), "gas", "what the 100 KiB row is bounded by"));

        // Withdrawals: a rollup paying one ETH and one token entry, finalised once payable.
        using var recipientKey = Key("recipient");
        var recipient = recipientKey.Address;
        Withdrawal[] withdrawals = [new(recipient, Address.Zero, Ether), new(recipient, token.Address, new UInt256(500))];
        var withWithdrawals = await PublishAsync(rpc, publisher, network, enclaveA, parent.Hash, parent.Generation + 1, parent.PublishedAt, Blob(1024, "withdrawals"), "withdrawals", withdrawals);
        report.Add(Gas("publishRollup, blob 1 KiB + 2 withdrawals", withWithdrawals.Result, "the withdrawals hash is one more stored word"));
        await rpc.MineAsync(parameters.WithdrawalDelay);
        var finalizeEth = await bridge.FinalizeWithdrawalAsync(withWithdrawals.Hash, 0, withdrawals);
        var finalizeToken = await bridge.FinalizeWithdrawalAsync(withWithdrawals.Hash, 1, withdrawals);
        report.Add(Gas("finalizeWithdrawal (ETH)", finalizeEth, "finality check, list hash, paid bit, transfer to a fresh account"));
        report.Add(Gas("finalizeWithdrawal (token)", finalizeToken));

        // Forks: the tree update and the fork checks with more than one tracked head (header-only rollups, so the rows
        // differ from "blob 0 KiB" by the fork bookkeeping alone). B publishes siblings of A's rollups (a lottery race
        // or a front-runner); each new sibling is a new branch.
        var publisherB = contracts.WithSender(operatorB).RollupManagement;
        var tip = (withWithdrawals.Hash, Generation: parent.Generation + 1, PublishedAt: withWithdrawals.Result.Receipt.BlockNumber);
        var siblingOf = parent;
        var sibling = await PublishAsync(rpc, publisherB, network, enclaveB, siblingOf.Hash, siblingOf.Generation + 1, siblingOf.PublishedAt, [], "sibling 1");
        report.Add(Gas("publishRollup, a sibling (new branch, 2 live heads)", sibling.Result, "a fork: new branch, ForkStarted"));
        var extend = await PublishAsync(rpc, publisher, network, enclaveA, tip.Hash, tip.Generation + 1, tip.PublishedAt, [], "extend 1");
        report.Add(Gas("publishRollup, extending a head (2 live heads)", extend.Result, "fork checks over two tracked heads"));
        siblingOf = tip;
        tip = (extend.Hash, tip.Generation + 1, extend.Result.Receipt.BlockNumber);
        var sibling2 = await PublishAsync(rpc, publisherB, network, enclaveB, siblingOf.Hash, siblingOf.Generation + 1, siblingOf.PublishedAt, [], "sibling 2");
        report.Add(Gas("publishRollup, a second sibling (3 live heads)", sibling2.Result));
        var extend2 = await PublishAsync(rpc, publisher, network, enclaveA, tip.Hash, tip.Generation + 1, tip.PublishedAt, [], "extend 2");
        report.Add(Gas("publishRollup, extending a head (3 live heads)", extend2.Result, "fork checks over three tracked heads"));
        tip = (extend2.Hash, tip.Generation + 1, extend2.Result.Receipt.BlockNumber);
        await rpc.MineAsync(parameters.HeadTimeout - 1);
        var pruning = await PublishAsync(rpc, publisher, network, enclaveA, tip.Hash, tip.Generation + 1, tip.PublishedAt, [], "extend 3");
        report.Add(Gas("publishRollup, pruning 2 dead siblings", pruning.Result, "the siblings died; this publication drops them"));
    }

    private static Measurement Gas(string name, L1TransactionResult result, string? note = null) =>
        new("gas", name, result.Receipt.GasUsed, "gas", note);

    private static async Task<L1TransactionResult> RegisterAsync(NetworkManagementContract nm, Secp256k1KeyPair enclave, ulong chainId, Address operatorAccount, UInt256 payment)
    {
        // About the size of a MAA token, so the gas figure includes carrying the token in the call's input.
        var token = new byte[3000];
        enclave.PublicKey.CopyTo(token);
        var attestation = Keccak256.Hash(token);
        var endpoint = "bench.obscuro.test:7100";
        var digest = RegistrationDigests.Register(chainId, nm.Address, operatorAccount, enclave.PublicKey, attestation, Measurement, Authority, true, endpoint);
        return await nm.RegisterAsync(enclave.PublicKey.ToArray(), token, Measurement, Authority, true, endpoint, RegistrationDigests.Sign(digest, enclave), payment);
    }

    private static async Task<(Hash256 Hash, L1TransactionResult Result)> PublishAsync(
        EthRpcClient rpc,
        RollupManagementContract publisher,
        NetworkContext network,
        Secp256k1KeyPair aggregator,
        Hash256 parentHash,
        ulong generation,
        ulong parentBlock,
        byte[] blob,
        string label,
        IReadOnlyList<Withdrawal>? withdrawals = null)
    {
        var inclusion = parentHash.IsZero ? Hash256.Zero : (await rpc.GetBlockByNumberAsync(BlockTag.At(parentBlock)))!.Hash;
        var latest = (await rpc.GetBlockByNumberAsync(BlockTag.Latest))!;
        var header = new RollupHeader(
            parentHash,
            generation,
            parentHash.IsZero ? 0 : parentBlock,
            inclusion,
            latest.Number,
            latest.Hash,
            aggregator.Address,
            new UInt256(generation + 1),
            Keccak256.Hash(Encoding.UTF8.GetBytes("state " + label)),
            Keccak256.Hash(blob),
            Blob(48, "layout " + label),
            withdrawals ?? [],
            [new Reward(aggregator.Address, new UInt256(1_000))]);
        var result = await publisher.PublishRollupAsync(header, blob, RollupSignature.Sign(header, network, aggregator));
        return (header.Hash, result);
    }

    private static byte[] EncryptSeed(MasterSeed seed, Secp256k1KeyPair recipient)
    {
        var plain = new byte[MasterSeed.Size];
        seed.CopyTo(plain);
        return Ecies.Encrypt(recipient.PublicKey, plain, recipient.Address.ToArray(), SystemRandomSource.Instance);
    }

    /// <summary>Pseudo-random bytes: an encrypted blob has no zero bytes to speak of, and calldata pricing depends on that.</summary>
    private static byte[] Blob(int size, string label)
    {
        var blob = new byte[size];
        var block = Keccak256.HashToArray(Encoding.UTF8.GetBytes(label));
        for (var offset = 0; offset < size; offset += block.Length)
        {
            block = Keccak256.HashToArray(block);
            block.AsSpan(0, Math.Min(block.Length, size - offset)).CopyTo(blob.AsSpan(offset));
        }

        return blob;
    }

    private static Secp256k1KeyPair Key(string name) =>
        Secp256k1KeyPair.Generate(new DeterministicRandomSource(Encoding.UTF8.GetBytes("Obscuro.Benchmarks.key." + name)));

    private static async Task<L1Sender> FundedSenderAsync(EthRpcClient rpc, string name)
    {
        using var key = Key(name);
        await rpc.SetBalanceAsync(key.Address, Ether * new UInt256(1_000_000));
        var privateKey = new byte[32];
        key.CopyPrivateKeyTo(privateKey);
        try
        {
            return new L1Sender(rpc, privateKey, new L1SenderOptions { PollInterval = TimeSpan.FromMilliseconds(5) });
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(privateKey);
        }
    }
}
