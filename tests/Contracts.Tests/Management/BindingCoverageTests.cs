using System.Reflection;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// The bindings cover their ABIs completely (every function, event and custom error), and decode logs only from their
/// own contract. No chain needed: these compare the bindings with the compiled artifacts.
/// </summary>
public sealed class BindingCoverageTests : IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    /// <summary>A client for a node that is never called: decoding needs no chain.</summary>
    private EthRpcClient Offline => new(_http, new EthRpcOptions { Endpoint = new Uri("http://127.0.0.1:9/") });

    public static TheoryData<string> Bindings => new(["NetworkManagement", "RollupManagement", "Bridge", "TestToken"]);

    [Theory]
    [MemberData(nameof(Bindings))]
    public void Every_function_has_a_typed_method(string contract)
    {
        var (binding, _, abi) = Describe(contract);
        var methods = binding.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => Normalize(m.Name[..^"Async".Length]))
            .ToHashSet();
        var missing = abi.Functions.Where(f => !methods.Contains(Normalize(f.Name))).Select(f => f.Signature).ToArray();
        Assert.True(missing.Length == 0, $"{binding.Name} has no method for {string.Join(", ", missing)}.");
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public void Every_event_has_a_record_and_decoders(string contract)
    {
        var (binding, _, abi) = Describe(contract);
        foreach (var e in abi.Events)
        {
            var decode = binding.GetMethod("Decode" + e.Name);
            var tryDecode = binding.GetMethod("TryDecode" + e.Name);
            Assert.True(decode is not null && tryDecode is not null, $"{binding.Name} has no decoders for {e.Signature}.");
            Assert.True(typeof(IContractEvent).IsAssignableFrom(decode.ReturnType));
            Assert.Equal(e.Name + "Event", decode.ReturnType.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Bindings))]
    public void Every_custom_error_is_named(string contract)
    {
        var (_, errors, abi) = Describe(contract);
        var named = errors.GetProperties(BindingFlags.Public | BindingFlags.Static).ToDictionary(p => p.Name, p => (AbiError)p.GetValue(null)!);
        Assert.Equal(abi.Errors.Select(e => e.Name).Distinct().Order(StringComparer.Ordinal), named.Keys.Order(StringComparer.Ordinal));
        Assert.All(abi.Errors, e => Assert.Equal(e.Selector, named[e.Name].Selector));
    }

    [Fact]
    public void Logs_decode_into_records_only_from_their_own_contract()
    {
        var bridgeAddress = Address.Parse("0x00000000000000000000000000000000000b7d9e");
        var bridge = new BridgeContract(bridgeAddress, Offline);
        var deposit = BridgeContract.Abi.GetEvent("Deposit");
        var (sender, recipient, token) = (Address.Parse("0x1000000000000000000000000000000000000001"), Address.Parse("0x2000000000000000000000000000000000000002"), Address.Parse("0x3000000000000000000000000000000000000003"));
        var log = new RpcLog
        {
            Address = bridgeAddress,
            Topics = [deposit.Topic0, deposit.EncodeTopic("depositId", new UInt256(7)), deposit.EncodeTopic("l1Sender", sender), deposit.EncodeTopic("l2Recipient", recipient)],
            Data = AbiEncoder.Encode([AbiAddressType.Instance, AbiUIntType.UInt256], [token, new UInt256(42)]),
            BlockNumber = 9,
            LogIndex = 1,
        };

        Assert.Equal(new DepositEvent(new UInt256(7), sender, recipient, token, new UInt256(42), new LogOrigin(bridgeAddress, 9, null, null, 1)), bridge.DecodeDeposit(log));
        Assert.IsType<DepositEvent>(bridge.DecodeEvent(log));
        Assert.False(bridge.TryDecodeWithdrawalFinalized(log, out _));

        // The same log from any other contract is not a deposit into this bridge.
        var forged = log with { Address = token };
        Assert.False(bridge.TryDecodeDeposit(forged, out _));
        Assert.Null(bridge.DecodeEvent(forged));
        Assert.Throws<ArgumentException>(() => bridge.DecodeDeposit(forged));
    }

    [Fact]
    public void Parameter_names_decode_from_their_padded_words()
    {
        var address = Address.Parse("0x00000000000000000000000000000000000001aa");
        var rm = new RollupManagementContract(address, Offline);
        var changed = RollupManagementContract.Abi.GetEvent("ParameterChanged");
        var word = new byte[32];
        "withdrawalDelay"u8.CopyTo(word);
        var log = new RpcLog { Address = address, Topics = [changed.Topic0, new Hash256(word)], Data = AbiEncoder.Encode(AbiUIntType.UInt256, new UInt256(12)) };
        var decoded = rm.DecodeParameterChanged(log);
        Assert.Equal(("withdrawalDelay", new UInt256(12)), (decoded.Name, decoded.Value));
    }

    [Fact]
    public void A_header_survives_the_round_trip_through_publishRollup_calldata()
    {
        static Hash256 H(string label) => Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(label));
        var header = new RollupHeader(
            H("parent"), 7, 100, H("inclusion"), 105, H("dependency"), Address.Parse("0x4000000000000000000000000000000000000004"), new UInt256(99), H("state"), H("blob"),
            [1, 2, 3],
            [new Withdrawal(Address.Parse("0x5000000000000000000000000000000000000005"), Address.Zero, new UInt256(5))],
            [new Reward(Address.Parse("0x6000000000000000000000000000000000000006"), new UInt256(6))]);
        byte[] blob = [9, 9, 9];
        byte[] signature = [.. Enumerable.Range(0, 65).Select(i => (byte)i)];

        var call = RollupManagementContract.DecodePublishRollupCall(RollupManagementContract.EncodePublishRollupCall(header, blob, signature));
        Assert.Equal(header.Hash, call.Header.Hash);
        Assert.Equal(header.Withdrawals, call.Header.Withdrawals);
        Assert.Equal(header.Rewards, call.Header.Rewards);
        Assert.Equal(blob, call.EncryptedBlob.ToArray());
        Assert.Equal(signature, call.Signature.ToArray());
        Assert.Throws<AbiException>(() => RollupManagementContract.DecodePublishRollupCall(BridgeContract.Abi.GetFunction("depositETH").EncodeCall(Address.Zero)));
    }

    private static (Type Binding, Type Errors, ContractAbi Abi) Describe(string contract) => contract switch
    {
        "NetworkManagement" => (typeof(NetworkManagementContract), typeof(NetworkManagementErrors), NetworkManagementContract.Abi),
        "RollupManagement" => (typeof(RollupManagementContract), typeof(RollupManagementErrors), RollupManagementContract.Abi),
        "Bridge" => (typeof(BridgeContract), typeof(BridgeErrors), BridgeContract.Abi),
        "TestToken" => (typeof(TestTokenContract), typeof(TestTokenErrors), TestTokenContract.Abi),
        _ => throw new ArgumentOutOfRangeException(nameof(contract), contract, null),
    };

    private static string Normalize(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
}
