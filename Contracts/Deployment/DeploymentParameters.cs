using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Deployment;

/// <summary>
/// Constructor arguments of the management contracts (FORMATS.md, "Deployment"). The defaults suit a devnet on anvil:
/// small fees and stakes, and block counts that let tests and demos see withdrawals pay, forks die and locks latch
/// within seconds. A real network needs its own values: N is its censorship-resistance window (hours of blocks), and
/// the unbonding delay must exceed M plus governance's reaction time so a slashable stake cannot leave first.
/// </summary>
public sealed record DeploymentParameters
{
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);

    /// <summary>Governance of the whole set; null means the deploying account.</summary>
    public Address? Governance { get; init; }

    /// <summary>Enclave measurements accepted from the start (none: governance accepts them later).</summary>
    public IReadOnlyList<Hash256> Measurements { get; init; } = [];

    /// <summary>Attestation authority key ids accepted from the start.</summary>
    public IReadOnlyList<Hash256> Authorities { get; init; } = [];

    /// <summary>Fee every node pays to register (wei); it goes to the node that delivers the secret. Default 0.01 ETH.</summary>
    public UInt256 RegistrationFee { get; init; } = Ether / new UInt256(100);

    /// <summary>Minimum aggregator stake (wei). Default 1 ETH.</summary>
    public UInt256 MinimumStake { get; init; } = Ether;

    /// <summary>Blocks between requesting unbonding and withdrawing the stake; must exceed <see cref="ForkLockPeriod"/>. Default 100.</summary>
    public ulong UnbondingDelay { get; init; } = 100;

    /// <summary>L2 wei per gas unit the enclaves charge (opaque to the L1). Default 1 gwei.</summary>
    public UInt256 L2TransactionFee { get; init; } = new(1_000_000_000UL);

    /// <summary>H: blocks after which a head without a child is dead. Default 10.</summary>
    public ulong HeadTimeout { get; init; } = 10;

    /// <summary>N: blocks a rollup waits before its withdrawals pay; choose N ≥ H. Default 20.</summary>
    public ulong WithdrawalDelay { get; init; } = 20;

    /// <summary>M: blocks competing live heads may coexist before withdrawals lock; must exceed H. Default 30.</summary>
    public ulong ForkLockPeriod { get; init; } = 30;

    /// <summary>Devnet and tests only: also deploy a TestToken and allow-list it (governance must be the deployer).</summary>
    public TestTokenParameters? TestToken { get; init; }

    /// <summary>
    /// Reveal interval lengths in rollups (XS, S, M, L, XL) that governance fixes on NetworkManagement right after the
    /// deployment (governance must be the deployer); null leaves them for governance to set before initialisation.
    /// </summary>
    public IReadOnlyList<ulong>? RevealLengths { get; init; }

    /// <summary>The reveal option of transactions whose contract names none, set with <see cref="RevealLengths"/>. Default S.</summary>
    public RevealOption DefaultRevealOption { get; init; } = RevealOption.S;

    /// <summary>The defaults, accepting one enclave measurement and one attestation authority (the devnet's simulated TEE).</summary>
    public static DeploymentParameters Devnet(Hash256 measurement, Hash256 authority) =>
        new() { Measurements = [measurement], Authorities = [authority] };

    /// <summary>Rejects what the constructors would reject, before any gas is spent.</summary>
    public void Validate()
    {
        if (HeadTimeout == 0 || HeadTimeout > uint.MaxValue) throw new ArgumentException($"HeadTimeout must be in [1, {uint.MaxValue}], got {HeadTimeout}.");
        if (WithdrawalDelay == 0 || WithdrawalDelay > uint.MaxValue) throw new ArgumentException($"WithdrawalDelay must be in [1, {uint.MaxValue}], got {WithdrawalDelay}.");
        if (ForkLockPeriod <= HeadTimeout || ForkLockPeriod > uint.MaxValue) throw new ArgumentException($"ForkLockPeriod must exceed HeadTimeout ({HeadTimeout}) and fit in 32 bits, got {ForkLockPeriod}.");
        if (UnbondingDelay > uint.MaxValue) throw new ArgumentException($"UnbondingDelay must fit in 32 bits, got {UnbondingDelay}.");
        var maxFee = new UInt256(ulong.MaxValue, ulong.MaxValue, 0, 0);
        if (RegistrationFee > maxFee) throw new ArgumentException("RegistrationFee must fit in 128 bits.");
        if (MinimumStake > maxFee) throw new ArgumentException("MinimumStake must fit in 128 bits.");
        if (Measurements.Any(m => m.IsZero) || Authorities.Any(a => a.IsZero)) throw new ArgumentException("Measurements and authorities must not be zero.");
        if (Governance is { IsZero: true }) throw new ArgumentException("Governance must not be the zero address (null means the deployer).");
        if (RevealLengths is { } lengths && (lengths.Count != 5 || lengths[0] == 0 || lengths.Zip(lengths.Skip(1)).Any(p => p.Second < p.First)))
        {
            throw new ArgumentException("RevealLengths must be five positive lengths, non-decreasing from XS to XL.");
        }

        if (DefaultRevealOption > RevealOption.XL) throw new ArgumentException($"Reveal option {DefaultRevealOption} is not one of XS..XL.");
        if (TestToken is { RevealOption: > RevealOption.XL }) throw new ArgumentException($"Reveal option {TestToken.RevealOption} is not one of XS..XL.");
    }
}
