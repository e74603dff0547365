using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// Reads every stored value of the management contracts that a rejected call could have touched, as one line per
/// value, so "state unchanged" is a list comparison. Values that move with <c>block.number</c> alone (liveness, the
/// payable block during a fork) are left out: forcing a reverting transaction into a block advances the chain.
/// Nodes A, B and C, the ETH and token holdings and the contracts' balances are always read; tests add the enclaves,
/// rollups, withdrawal entries and accounts their attack aims at.
/// </summary>
public sealed class ChainStateProbe
{
    private readonly ManagementScenario _scenario;
    private readonly List<Address> _nodes;
    private readonly List<Hash256> _rollups = [];
    private readonly List<(Hash256 Rollup, ulong Index)> _withdrawals = [];
    private readonly List<Address> _accounts = [];

    public ChainStateProbe(ManagementScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        var f = scenario.Fixture;
        _nodes = [f.EnclaveA.Address, f.EnclaveB.Address, f.EnclaveC.Address];
    }

    public ChainStateProbe WithNodes(params Address[] nodes)
    {
        _nodes.AddRange(nodes);
        return this;
    }

    public ChainStateProbe WithRollups(params Hash256[] rollups)
    {
        _rollups.AddRange(rollups);
        return this;
    }

    public ChainStateProbe WithWithdrawals(Hash256 rollup, ulong count)
    {
        for (ulong i = 0; i < count; i++)
        {
            _withdrawals.Add((rollup, i));
        }

        return this;
    }

    public ChainStateProbe WithAccounts(params Address[] accounts)
    {
        _accounts.AddRange(accounts);
        return this;
    }

    public async Task<IReadOnlyList<string>> CaptureAsync()
    {
        var c = _scenario.Reader;
        var nm = c.NetworkManagement;
        var rm = c.RollupManagement;
        var bridge = c.Bridge;
        var token = c.TestToken!;
        var rpc = _scenario.Rpc;
        var tokenAddress = token.Address;

        var reads = new List<Task<string>>
        {
            Line("governance", nm.GovernanceAsync()),
            Line("pendingGovernance", nm.PendingGovernanceAsync()),
            Line("breached", nm.BreachedAsync()),
            Line("registrationFee", nm.RegistrationFeeAsync()),
            Line("minimumStake", nm.MinimumStakeAsync()),
            Line("unbondingDelay", nm.UnbondingDelayAsync()),
            Line("l2TransactionFee", nm.L2TransactionFeeAsync()),
            Line("measurement accepted", nm.AcceptedMeasurementsAsync(ManagementFixture.Measurement)),
            Line("authority accepted", nm.AcceptedAuthoritiesAsync(ManagementFixture.Authority)),
            Line("networkInitialized", nm.NetworkInitializedAsync()),
            Line("networkAddress", nm.NetworkAddressAsync()),
            Line("networkPublicKey", Hex(nm.NetworkPublicKeyAsync())),
            Line("nodeCount", nm.NodeCountAsync()),
            Line("aggregators", Join(nm.AggregatorsAsync())),
            Line("headTimeout", rm.HeadTimeoutAsync()),
            Line("withdrawalDelay", rm.WithdrawalDelayAsync()),
            Line("forkLockPeriod", rm.ForkLockPeriodAsync()),
            Line("rollupCount", rm.RollupCountAsync()),
            Line("genesisHash", rm.GenesisHashAsync()),
            Line("resolvedHead", rm.ResolvedHeadAsync()),
            Line("trackedHeads", Join(Map(rm.TrackedHeadsAsync(), heads => heads.Select(h => $"{h.RollupHash}@{h.PublishedAt}{(h.Excluded ? " excluded" : string.Empty)}")))),
            Line("depositCount", bridge.DepositCountAsync()),
            Line("held ETH", bridge.HeldAsync(Address.Zero)),
            Line("held token", bridge.HeldAsync(tokenAddress)),
            Line("token config", bridge.TokensAsync(tokenAddress)),
            Line("token supply", token.TotalSupplyAsync()),
            Line("token fee", token.TransferFeeBasisPointsAsync()),
            Line("bridge token balance", token.BalanceOfAsync(bridge.Address)),
            Line("bridge ETH balance", rpc.GetBalanceAsync(bridge.Address, BlockTag.Latest)),
            Line("NetworkManagement ETH balance", rpc.GetBalanceAsync(nm.Address, BlockTag.Latest)),
        };

        foreach (var node in _nodes.Distinct())
        {
            reads.Add(Line($"node {node}", nm.NodeInfoAsync(node)));
            reads.Add(Line($"seed of {node}", Hex(nm.EncryptedSeedOfAsync(node))));
        }

        foreach (var rollup in _rollups.Distinct())
        {
            reads.Add(RollupLine(rollup));
        }

        foreach (var (rollup, index) in _withdrawals)
        {
            reads.Add(Line($"paid {rollup}[{index}]", bridge.IsWithdrawalPaidAsync(rollup, index)));
        }

        foreach (var account in _accounts.Distinct())
        {
            reads.Add(Line($"ETH of {account}", rpc.GetBalanceAsync(account, BlockTag.Latest)));
            reads.Add(Line($"token of {account}", token.BalanceOfAsync(account)));
        }

        return await Task.WhenAll(reads);
    }

    private async Task<string> RollupLine(Hash256 rollup)
    {
        var rm = _scenario.Reader.RollupManagement;
        if (!await rm.IsPublishedAsync(rollup))
        {
            return $"rollup {rollup}: not published";
        }

        // Everything but isLiveHead, which changes with block.number alone.
        var info = await rm.RollupAsync(rollup);
        return $"rollup {rollup}: {info with { IsLiveHead = false }}";
    }

    private static async Task<string> Line<T>(string name, Task<T> value) => $"{name}: {await value}";

    private static async Task<string> Hex(Task<byte[]> bytes) => Protocol.Ethereum.Hex.Encode(await bytes);

    private static async Task<string> Join<T>(Task<IReadOnlyList<T>> items) => string.Join(" | ", await items);

    private static async Task<IReadOnlyList<string>> Map<T>(Task<IReadOnlyList<T>> items, Func<IReadOnlyList<T>, IEnumerable<string>> map) => map(await items).ToArray();
}
