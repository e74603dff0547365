using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Protocol.Chain;
using DepositEvent = Obscuro.Protocol.Chain.DepositEvent;
using RollupPublishedEvent = Obscuro.Protocol.Chain.RollupPublishedEvent;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.State;

namespace Obscuro.Grains.L1;

/// <summary>
/// Reads what the three management contracts did in a verified L1 block (<see cref="L1BlockContent"/>: its header hash,
/// transactions and receipts checked against each other by <see cref="L1BlockVerifier"/>). Only logs emitted by the
/// configured contract addresses, in transactions whose receipt says they succeeded, count: a failed transaction's
/// logs are discarded by the EVM, and another contract can emit a log with the same signature. A published rollup's
/// header, blob and signature come from the publishing transaction's input, which RollupManagement guarantees is the
/// <c>publishRollup</c> call itself (it accepts only direct calls); the same is done for the seed ciphertexts of
/// <c>initializeNetwork</c> and <c>respondSecret</c> and the attestation token of <c>register</c> when those were
/// direct calls.
/// </summary>
public sealed class ManagementEventExtractor
{
    private static readonly ContractAbi NetworkAbi = NetworkManagementContract.Abi;
    private static readonly ContractAbi RollupAbi = RollupManagementContract.Abi;
    private static readonly ContractAbi BridgeAbi = BridgeContract.Abi;
    private static readonly Hash256 SecretRequestedTopic = NetworkAbi.GetEvent("SecretRequested").Topic0;
    private static readonly Hash256 NetworkInitializedTopic = NetworkAbi.GetEvent("NetworkInitialized").Topic0;
    private static readonly Hash256 SecretRespondedTopic = NetworkAbi.GetEvent("SecretResponded").Topic0;
    private static readonly Hash256 RevealParametersSetTopic = NetworkAbi.GetEvent("RevealParametersSet").Topic0;
    private static readonly string[] RevealLengthNames = ["xs", "s", "m", "l", "xl"];
    private static readonly Hash256 ParameterChangedTopic = NetworkAbi.GetEvent("ParameterChanged").Topic0;
    private static readonly Hash256 L2TransactionFeeName = PaddedName("l2TransactionFee");
    private static readonly Hash256 MeasurementAcceptanceChangedTopic = NetworkAbi.GetEvent("MeasurementAcceptanceChanged").Topic0;
    private static readonly Hash256 AuthorityAcceptanceChangedTopic = NetworkAbi.GetEvent("AuthorityAcceptanceChanged").Topic0;
    private static readonly Hash256 RollupPublishedTopic = RollupAbi.GetEvent("RollupPublished").Topic0;
    private static readonly Hash256 DepositTopic = BridgeAbi.GetEvent("Deposit").Topic0;
    private static readonly Hash256 TokenAllowListChangedTopic = BridgeAbi.GetEvent("TokenAllowListChanged").Topic0;
    private static readonly AbiFunction InitializeNetworkFunction = NetworkAbi.GetFunction("initializeNetwork");
    private static readonly AbiFunction RespondSecretFunction = NetworkAbi.GetFunction("respondSecret");
    private static readonly AbiFunction RegisterFunction = NetworkAbi.GetFunction("register");

    private readonly Address _networkManagement;
    private readonly Address _rollupManagement;
    private readonly Address _bridge;

    public ManagementEventExtractor(Address networkManagement, Address rollupManagement, Address bridge)
    {
        _networkManagement = networkManagement;
        _rollupManagement = rollupManagement;
        _bridge = bridge;
    }

    /// <exception cref="InvalidOperationException">A log of a configured contract does not decode as that contract's event (a contract/code mismatch).</exception>
    public ExtractedL1Block Extract(L1BlockContent block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var events = new List<L1Event>();
        var registry = new List<RegistryEvent>();
        var unreadable = new List<UnreadablePublication>();
        foreach (var transaction in block.Transactions)
        {
            if (transaction.Receipt.Succeeded != true)
            {
                continue;
            }

            foreach (var log in transaction.Receipt.Logs)
            {
                if (log.Topics.Count == 0)
                {
                    continue;
                }

                if (log.Address == _bridge)
                {
                    ReadBridgeLog(log.Topics, log.Data, events);
                }
                else if (log.Address == _networkManagement)
                {
                    ReadNetworkLog(transaction, block.Header.Timestamp, log.Topics, log.Data, events, registry);
                }
                else if (log.Address == _rollupManagement && log.Topics[0] == RollupPublishedTopic)
                {
                    ReadPublication(transaction, log.Topics, log.Data, events, unreadable);
                }
            }
        }

        var reference = new L1BlockRef(block.Hash, block.Header.ParentHash, block.Number);
        return new ExtractedL1Block(new L1Block(reference, events), registry, unreadable);
    }

    private static void ReadBridgeLog(IReadOnlyList<Hash256> topics, ReadOnlyMemory<byte> data, List<L1Event> events)
    {
        if (topics[0] == DepositTopic)
        {
            var a = Decode(BridgeAbi, topics, data);
            var id = a.Get<UInt256>("depositId");
            if (!id.FitsInUInt64)
            {
                throw new InvalidOperationException($"Bridge deposit id {id} does not fit in 64 bits.");
            }

            events.Add(new DepositEvent(new L1Deposit(id.ToUInt64(), a.Get<Address>("l1Sender"), a.Get<Address>("l2Recipient"), a.Get<Address>("token"), a.Get<UInt256>("amount"))));
        }
        else if (topics[0] == TokenAllowListChangedTopic)
        {
            var a = Decode(BridgeAbi, topics, data);
            if (!a.Get<bool>("allowed"))
            {
                // The L2 keeps a delisted token's balances and option: only new deposits stop, which the bridge enforces.
                return;
            }

            var option = a.Get<UInt256>("revealOption");
            if (!option.FitsInUInt64 || option.ToUInt64() > (ulong)RevealOption.XL)
            {
                throw new InvalidOperationException($"Bridge listed a token with reveal option {option}, which is not XS..XL.");
            }

            var token = a.Get<Address>("token");
            events.Add(new TokenListedEvent(new TokenInfo(token, SystemAddresses.WrappedToken(token), (RevealOption)option.ToUInt64())));
        }
    }

    private void ReadNetworkLog(
        L1BlockTransaction transaction, ulong timestamp, IReadOnlyList<Hash256> topics, ReadOnlyMemory<byte> data, List<L1Event> events, List<RegistryEvent> registry)
    {
        if (topics[0] == SecretRequestedTopic)
        {
            var a = Decode(NetworkAbi, topics, data);
            var enclave = a.Get<Address>("enclaveAddress");
            var publicKey = a.Get<byte[]>("enclavePublicKey");
            var attestationHash = new Hash256(a.Get<byte[]>("attestationHash"));

            // The contract keeps only the token's hash; the token is in the input of the register call (a direct call
            // whose key is this enclave's), and only a token with exactly the registered hash counts.
            var token = ReadCall(transaction, RegisterFunction, call => call.Get<byte[]>("enclavePublicKey").AsSpan().SequenceEqual(publicKey) ? call.Get<byte[]>("attestationToken") : null);
            if (token is not null && Keccak256.Hash(token) != attestationHash)
            {
                token = null;
            }

            var registered = new NodeRegistered(
                enclave,
                a.Get<Address>("operator"),
                publicKey,
                attestationHash,
                new Hash256(a.Get<byte[]>("measurement")),
                new Hash256(a.Get<byte[]>("authority")),
                a.Get<bool>("isAggregator"),
                a.Get<string>("endpoint"),
                token,
                timestamp);
            registry.Add(registered);
            events.Add(new NodeRegisteredEvent(registered.EnclaveAddress, registered.Operator, registered.IsAggregator));
        }
        else if (topics[0] == NetworkInitializedTopic)
        {
            var a = Decode(NetworkAbi, topics, data);
            var enclave = a.Get<Address>("enclaveAddress");
            var seed = ReadCall(transaction, InitializeNetworkFunction, call => call.Get<Address>("enclaveAddress") == enclave ? call.Get<byte[]>("encryptedSeed") : null);
            registry.Add(new NetworkInitialized(enclave, a.Get<Address>("networkAddress"), a.Get<byte[]>("networkPublicKey"), seed));
        }
        else if (topics[0] == ParameterChangedTopic && topics.Count > 1 && topics[1] == L2TransactionFeeName)
        {
            // Governance's L2 fee (and the constructor's initial one): the enclave charges what L1 says, not what its host says.
            events.Add(new L2FeeChangedEvent(Decode(NetworkAbi, topics, data).Get<UInt256>("value")));
        }
        else if (topics[0] == MeasurementAcceptanceChangedTopic)
        {
            var a = Decode(NetworkAbi, topics, data);
            registry.Add(new MeasurementAcceptanceChanged(new Hash256(a.Get<byte[]>("measurement")), a.Get<bool>("accepted")));
        }
        else if (topics[0] == AuthorityAcceptanceChangedTopic)
        {
            var a = Decode(NetworkAbi, topics, data);
            registry.Add(new AuthorityAcceptanceChanged(new Hash256(a.Get<byte[]>("authority")), a.Get<bool>("accepted")));
        }
        else if (topics[0] == SecretRespondedTopic)
        {
            var a = Decode(NetworkAbi, topics, data);
            var requester = a.Get<Address>("requester");
            var seed = ReadCall(transaction, RespondSecretFunction, call => call.Get<Address>("requester") == requester ? call.Get<byte[]>("encryptedSeed") : null);
            registry.Add(new SecretResponded(requester, a.Get<Address>("responder"), seed));
        }
        else if (topics[0] == RevealParametersSetTopic)
        {
            var a = Decode(NetworkAbi, topics, data);
            var option = a.Get<UInt256>("defaultOption");
            if (!option.FitsInUInt64 || option.ToUInt64() > (ulong)RevealOption.XL)
            {
                throw new InvalidOperationException($"NetworkManagement set default reveal option {option}, which is not XS..XL.");
            }

            ulong[] lengths = [.. RevealLengthNames.Select(name => a.Get<UInt256>(name).ToUInt64())];
            registry.Add(new RevealParametersFixed(lengths, (RevealOption)option.ToUInt64()));

            // The default option drives execution the way the L2 fee does: rollups depending on this block or a later
            // one put transactions to contracts without a registered option in its group, whatever the host configured.
            events.Add(new DefaultRevealOptionSetEvent((RevealOption)option.ToUInt64()));
        }
    }

    private void ReadPublication(L1BlockTransaction transaction, IReadOnlyList<Hash256> topics, ReadOnlyMemory<byte> data, List<L1Event> events, List<UnreadablePublication> unreadable)
    {
        var a = Decode(RollupAbi, topics, data);
        var rollupHash = new Hash256(a.Get<byte[]>("rollupHash"));
        var generation = a.Get<UInt256>("generation");
        var generationNumber = generation.FitsInUInt64 ? generation.ToUInt64() : ulong.MaxValue;
        if (transaction.Transaction.To != _rollupManagement)
        {
            unreadable.Add(new UnreadablePublication(rollupHash, generationNumber, "the publishing transaction is not a direct call to RollupManagement"));
            return;
        }

        PublishRollupCall call;
        try
        {
            call = RollupManagementContract.DecodePublishRollupCall(transaction.Transaction.Data.Span);
        }
        catch (AbiException e)
        {
            unreadable.Add(new UnreadablePublication(rollupHash, generationNumber, "the publishing transaction's input is not a publishRollup call: " + e.Message));
            return;
        }

        if (call.Header.Hash != rollupHash)
        {
            unreadable.Add(new UnreadablePublication(rollupHash, generationNumber, $"the publishing transaction's input holds rollup {call.Header.Hash}"));
            return;
        }

        events.Add(new RollupPublishedEvent(new SignedRollup(call.Header, call.EncryptedBlob.ToArray(), call.Signature.ToArray())));
    }

    /// <summary>What <paramref name="read"/> takes from the transaction's input when it is a direct call of <paramref name="function"/> to NetworkManagement; otherwise null.</summary>
    private byte[]? ReadCall(L1BlockTransaction transaction, AbiFunction function, Func<AbiTuple, byte[]?> read)
    {
        if (transaction.Transaction.To != _networkManagement)
        {
            return null;
        }

        try
        {
            return read(function.DecodeCall(transaction.Transaction.Data.Span));
        }
        catch (AbiException)
        {
            return null;
        }
    }

    /// <summary>A Solidity <c>bytes32</c> string literal: the ASCII name, right-padded with zeros.</summary>
    private static Hash256 PaddedName(string name)
    {
        var word = new byte[Hash256.Size];
        System.Text.Encoding.ASCII.GetBytes(name, word);
        return new Hash256(word);
    }

    private static AbiTuple Decode(ContractAbi abi, IReadOnlyList<Hash256> topics, ReadOnlyMemory<byte> data)
    {
        var abiEvent = abi.FindEvent(topics[0]) ?? throw new InvalidOperationException($"No event with topic {topics[0]} in the contract's ABI.");
        try
        {
            return abiEvent.Decode(topics, data.Span).Arguments;
        }
        catch (AbiException e)
        {
            throw new InvalidOperationException($"A {abiEvent.Name} log of a management contract does not decode ({e.Message}); the configured contracts do not match this enclave's code.", e);
        }
    }
}
