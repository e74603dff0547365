using Obscuro.Protocol.Pobi;

namespace Obscuro.Grains.Enclave;

/// <summary>Configuration section <c>Obscuro:Enclave</c> of an enclave silo.</summary>
public sealed class EnclaveOptions
{
    public const string SectionName = "Obscuro:Enclave";

    /// <summary>
    /// SHA-256 steps of the start-up delay each enclave grain activation runs before it may draw a lottery nonce
    /// (<see cref="StartupDelay"/>; production: 10 s on a fast CPU). Only a simulated TEE may lower it: on a real TEE a
    /// smaller value is raised to <see cref="StartupDelay.ProductionIterations"/>, since the host writes this file.
    /// </summary>
    public long StartupDelayIterations { get; set; } = StartupDelay.ProductionIterations;

    /// <summary>L1 blocks to wait before asking the host again for a registration, initialisation or secret-response call it has not yet made.</summary>
    public ulong CallRetryBlocks { get; set; } = 10;

    /// <summary>Most transactions one candidate rollup includes.</summary>
    public int MaxRollupTransactions { get; set; } = 1000;

    /// <summary>History entries an account grain keeps (newest first); older transactions answer "unknown".</summary>
    public int AccountHistoryLimit { get; set; } = 256;

    /// <summary>Recent L1 blocks whose snapshots the enclave keeps: the deepest L1 reorg it can follow.</summary>
    public int RetainedBlocks { get; set; } = 1024;
}
