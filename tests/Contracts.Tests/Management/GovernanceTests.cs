using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// Every governance function of the three contracts refuses any other caller, with nothing changed; governance's own
/// calls take effect; one hand-over moves every power at once.
/// </summary>
[Collection(SharedManagementChain.Name)]
public sealed class GovernanceTests(ManagementFixture fixture)
{
    /// <summary>Each governance function, called with plausible arguments (the caller check comes first anyway).</summary>
    private static readonly string[] GovernanceFunctionNames =
    [
        "NetworkManagement.setMeasurementAccepted",
        "NetworkManagement.setAuthorityAccepted",
        "NetworkManagement.setRegistrationFee",
        "NetworkManagement.setMinimumStake",
        "NetworkManagement.setUnbondingDelay",
        "NetworkManagement.setL2TransactionFee",
        "NetworkManagement.setRevealParameters",
        "NetworkManagement.slash",
        "NetworkManagement.declareBreach",
        "NetworkManagement.clearBreach",
        "NetworkManagement.transferGovernance",
        "RollupManagement.setHeadTimeout",
        "RollupManagement.setWithdrawalDelay",
        "RollupManagement.setForkLockPeriod",
        "RollupManagement.resolveFork",
        "Bridge.setTokenAllowed",
    ];

    public static TheoryData<string> GovernanceFunctions => new(GovernanceFunctionNames);

    [Theory]
    [MemberData(nameof(GovernanceFunctions))]
    public async Task A_non_governance_caller_is_rejected(string function)
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var genesis = await s.Rollups.GenesisAsync(fixture.EnclaveA, "genesis");
        var probe = new ChainStateProbe(s).WithRollups(genesis.Hash).WithAccounts(fixture.Attacker.Address);
        foreach (var caller in new[] { fixture.Outsider, fixture.Operator1 })
        {
            await s.AssertRejectedAsync(caller, c => Call(c, function, s, genesis.Hash), ErrorOf(function), [caller.Address], probe);
        }
    }

    /// <summary>
    /// The theory above lists exactly the functions that refuse a non-governance caller: every state-changing function
    /// of the three ABIs is called by an outsider with zero-valued arguments (eth_call), and those that answer
    /// NotGovernance are the listed ones. A new governance function, or a lost modifier, fails here.
    /// </summary>
    [Fact]
    public async Task The_list_of_governance_functions_is_complete()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var listed = GovernanceFunctionNames.ToHashSet();
        var guarded = new HashSet<string>();
        foreach (var (contract, address, abi) in new[]
        {
            ("NetworkManagement", s.Addresses.NetworkManagement, NetworkManagementContract.Abi),
            ("RollupManagement", s.Addresses.RollupManagement, RollupManagementContract.Abi),
            ("Bridge", s.Addresses.Bridge, BridgeContract.Abi),
        })
        {
            foreach (var function in abi.Functions.Where(f => f.StateMutability is "nonpayable" or "payable"))
            {
                var call = new CallRequest { From = fixture.Outsider.Address, To = address, Input = function.EncodeCall(function.Inputs.Select(p => ZeroOf(p.Type)).ToArray()) };
                try
                {
                    await s.Rpc.CallAsync(call, BlockTag.Pending, abi);
                }
                catch (ContractRevertException e) when (e.Is(abi.GetError("NotGovernance")))
                {
                    guarded.Add($"{contract}.{function.Name}");
                }
                catch (ContractRevertException)
                {
                    // Refused for another reason: not a governance check.
                }
            }
        }

        Assert.Equal(listed.Order(StringComparer.Ordinal), guarded.Order(StringComparer.Ordinal));
    }

    private static object ZeroOf(AbiType type) => type switch
    {
        AbiUIntType => UInt256.Zero,
        AbiIntType => System.Numerics.BigInteger.Zero,
        AbiAddressType => Address.Zero,
        AbiBoolType => false,
        AbiFixedBytesType f => new byte[f.Size],
        AbiBytesType => Array.Empty<byte>(),
        AbiStringType => string.Empty,
        AbiArrayType { Length: { } length } a => Enumerable.Range(0, length).Select(_ => ZeroOf(a.Element)).ToArray(),
        AbiArrayType => Array.Empty<object>(),
        AbiTupleType t => new AbiTuple(t.Components.Select(c => ZeroOf(c.Type)).ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.CanonicalName, null),
    };

    [Fact]
    public async Task Governance_calls_take_effect()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var g = s.As(fixture.Governance);
        var nm = g.NetworkManagement;
        var (a, b) = (fixture.EnclaveA.Address, fixture.EnclaveB.Address);

        // Raising the minimum stake deactivates aggregators below it until they add stake.
        var raised = ManagementFixture.Ether * new UInt256(2);
        var changed = await nm.SetMinimumStakeAsync(raised);
        Assert.Equal(("minimumStake", raised), (nm.DecodeParameterChanged(Assert.Single(changed.Receipt.Logs)).Name, nm.DecodeParameterChanged(changed.Receipt.Logs[0]).Value));
        Assert.False(await nm.IsActiveAggregatorAsync(a));
        var added = await s.As(fixture.Operator1).NetworkManagement.AddStakeAsync(a, ManagementFixture.Ether);
        Assert.Equal(raised, nm.DecodeStakeAdded(Assert.Single(added.Receipt.Logs)).Stake);
        Assert.True(await nm.IsActiveAggregatorAsync(a));

        // Revoking the measurement deactivates every node registered with it.
        await nm.SetMeasurementAcceptedAsync(ManagementFixture.Measurement, false);
        Assert.False(await nm.IsActiveAggregatorAsync(a));
        await nm.SetMeasurementAcceptedAsync(ManagementFixture.Measurement, true);
        Assert.True(await nm.IsActiveAggregatorAsync(a));

        // Slashing to zero removes an aggregator from the list and pays the recipient.
        var before = await s.Rpc.GetBalanceAsync(fixture.Outsider.Address, BlockTag.Latest);
        var slashed = await nm.SlashAsync(b, ManagementFixture.Ether, fixture.Outsider.Address);
        Assert.Equal(new SlashedEvent(b, fixture.Outsider.Address, ManagementFixture.Ether, UInt256.Zero, LogOrigin.Of(slashed.Receipt.Logs[0])), nm.DecodeSlashed(Assert.Single(slashed.Receipt.Logs)));
        Assert.Equal(before + ManagementFixture.Ether, await s.Rpc.GetBalanceAsync(fixture.Outsider.Address, BlockTag.Latest));
        Assert.Equal([a], (await nm.AggregatorsAsync()).Select(x => x.EnclaveAddress));

        // Slashed to nothing is out for good: lowering the minimum stake to zero does not bring it back.
        Assert.Equal(slashed.Receipt.BlockNumber, (await nm.NodeInfoAsync(b)).UnbondingSince);
        await nm.SetMinimumStakeAsync(UInt256.Zero);
        Assert.False(await nm.IsActiveAggregatorAsync(b));
        Assert.True(await nm.IsActiveAggregatorAsync(a));
        await s.AssertRejectedAsync(fixture.Operator2, c => c.NetworkManagement.AddStakeAsync(b, ManagementFixture.Ether), NetworkManagementErrors.AlreadyUnbonding, [b]);

        // The finality parameters, with the rule M > H enforced by the contract.
        var rm = g.RollupManagement;
        await rm.SetForkLockPeriodAsync(30);
        await rm.SetHeadTimeoutAsync(7);
        await rm.SetWithdrawalDelayAsync(12);
        Assert.Equal((7UL, 12UL, 30UL), (await rm.HeadTimeoutAsync(), await rm.WithdrawalDelayAsync(), await rm.ForkLockPeriodAsync()));
        await s.AssertRejectedAsync(fixture.Governance, c => c.RollupManagement.SetHeadTimeoutAsync(0), RollupManagementErrors.InvalidParameter, [Padded("headTimeout"), 0]);

        // A head timeout reaching the lock period is refused as a lock period no longer above it.
        await s.AssertRejectedAsync(fixture.Governance, c => c.RollupManagement.SetHeadTimeoutAsync(30), RollupManagementErrors.InvalidParameter, [Padded("forkLockPeriod"), 30]);

        // The token allow-list, with the reveal option range enforced.
        var token = s.Addresses.TestToken!.Value;
        var listed = await g.Bridge.SetTokenAllowedAsync(token, true, RevealOption.XL);
        Assert.Equal(RevealOption.XL, g.Bridge.DecodeTokenAllowListChanged(Assert.Single(listed.Receipt.Logs)).RevealOption);
        await s.AssertRejectedAsync(fixture.Governance, c => c.Bridge.SetTokenAllowedAsync(token, true, (RevealOption)5), BridgeErrors.InvalidRevealOption, [5]);

        await nm.SetRegistrationFeeAsync(UInt256.One);
        await nm.SetUnbondingDelayAsync(99);
        await nm.SetL2TransactionFeeAsync(new UInt256(7));
        await nm.SetAuthorityAcceptedAsync(Keccak256.Hash("another authority"u8), true);
        Assert.Equal((UInt256.One, 99UL, new UInt256(7)), (await nm.RegistrationFeeAsync(), await nm.UnbondingDelayAsync(), await nm.L2TransactionFeeAsync()));
        Assert.True(await nm.AcceptedAuthoritiesAsync(Keccak256.Hash("another authority"u8)));
    }

    [Fact]
    public async Task One_hand_over_moves_every_power_of_the_set()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        var old = s.As(fixture.Governance);
        var started = await old.NetworkManagement.TransferGovernanceAsync(fixture.Outsider.Address);
        Assert.Equal(fixture.Outsider.Address, old.NetworkManagement.DecodeGovernanceTransferStarted(Assert.Single(started.Receipt.Logs)).Pending);

        // Until accepted, the old governance still governs and only the named address may accept.
        await s.AssertRejectedAsync(fixture.Attacker, c => c.NetworkManagement.AcceptGovernanceAsync(), NetworkManagementErrors.NotPendingGovernance, [fixture.Attacker.Address]);
        await s.AssertRejectedAsync(fixture.Outsider, c => c.RollupManagement.SetHeadTimeoutAsync(6), RollupManagementErrors.NotGovernance, [fixture.Outsider.Address]);

        var accepted = await s.As(fixture.Outsider).NetworkManagement.AcceptGovernanceAsync();
        Assert.Equal((fixture.Governance.Address, fixture.Outsider.Address), (old.NetworkManagement.DecodeGovernanceTransferred(Assert.Single(accepted.Receipt.Logs)).Previous, old.NetworkManagement.DecodeGovernanceTransferred(accepted.Receipt.Logs[0]).Current));
        Assert.Equal(Address.Zero, await s.Reader.NetworkManagement.PendingGovernanceAsync());

        // The old governance has lost every power, in all three contracts; the new one has them.
        await s.AssertRejectedAsync(fixture.Governance, c => c.NetworkManagement.DeclareBreachAsync(), NetworkManagementErrors.NotGovernance, [fixture.Governance.Address]);
        await s.AssertRejectedAsync(fixture.Governance, c => c.RollupManagement.SetHeadTimeoutAsync(6), RollupManagementErrors.NotGovernance, [fixture.Governance.Address]);
        await s.AssertRejectedAsync(fixture.Governance, c => c.Bridge.SetTokenAllowedAsync(s.Addresses.TestToken!.Value, false, RevealOption.XS), BridgeErrors.NotGovernance, [fixture.Governance.Address]);
        var neo = s.As(fixture.Outsider);
        await neo.RollupManagement.SetHeadTimeoutAsync(6);
        await neo.Bridge.SetTokenAllowedAsync(s.Addresses.TestToken!.Value, false, RevealOption.XS);
        await neo.NetworkManagement.DeclareBreachAsync();
        Assert.True(await s.Reader.NetworkManagement.BreachedAsync());
        Assert.Equal(6UL, await s.Reader.RollupManagement.HeadTimeoutAsync());
    }

    private static Hash256 Padded(string name)
    {
        var word = new byte[32];
        System.Text.Encoding.ASCII.GetBytes(name).CopyTo(word, 0);
        return new Hash256(word);
    }

    private static AbiError ErrorOf(string function) => function.Split('.')[0] switch
    {
        "NetworkManagement" => NetworkManagementErrors.NotGovernance,
        "RollupManagement" => RollupManagementErrors.NotGovernance,
        _ => BridgeErrors.NotGovernance,
    };

    private static Task<L1TransactionResult> Call(ManagementContracts c, string function, ManagementScenario s, Hash256 rollup)
    {
        var nm = c.NetworkManagement;
        var rm = c.RollupManagement;
        return function switch
        {
            "NetworkManagement.setMeasurementAccepted" => nm.SetMeasurementAcceptedAsync(ManagementFixture.Measurement, false),
            "NetworkManagement.setAuthorityAccepted" => nm.SetAuthorityAcceptedAsync(ManagementFixture.Authority, false),
            "NetworkManagement.setRegistrationFee" => nm.SetRegistrationFeeAsync(UInt256.Zero),
            "NetworkManagement.setMinimumStake" => nm.SetMinimumStakeAsync(UInt256.Zero),
            "NetworkManagement.setUnbondingDelay" => nm.SetUnbondingDelayAsync(0),
            "NetworkManagement.setL2TransactionFee" => nm.SetL2TransactionFeeAsync(UInt256.Zero),
            "NetworkManagement.setRevealParameters" => nm.SetRevealParametersAsync([1, 3, 6, 12, 24], RevealOption.S),
            "NetworkManagement.slash" => nm.SlashAsync(s.Fixture.EnclaveB.Address, ManagementFixture.Ether, s.Fixture.Attacker.Address),
            "NetworkManagement.declareBreach" => nm.DeclareBreachAsync(),
            "NetworkManagement.clearBreach" => nm.ClearBreachAsync(),
            "NetworkManagement.transferGovernance" => nm.TransferGovernanceAsync(s.Fixture.Attacker.Address),
            "RollupManagement.setHeadTimeout" => rm.SetHeadTimeoutAsync(1),
            "RollupManagement.setWithdrawalDelay" => rm.SetWithdrawalDelayAsync(1),
            "RollupManagement.setForkLockPeriod" => rm.SetForkLockPeriodAsync(1_000),
            "RollupManagement.resolveFork" => rm.ResolveForkAsync(rollup),
            "Bridge.setTokenAllowed" => c.Bridge.SetTokenAllowedAsync(s.Addresses.TestToken!.Value, false, RevealOption.XS),
            _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
        };
    }
}
