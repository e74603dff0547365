using System.Security.Cryptography;

namespace Obscuro.Protocol.Pobi;

/// <summary>
/// The enclave's start-up delay (spec "Preventing repeated random number generation"): a serial SHA-256 chain
/// h₀ = SHA-256(domain), hᵢ₊₁ = SHA-256(hᵢ). Each step needs the previous output, so no number of cores shortens it,
/// and it reads nothing from the host, so the host cannot skip it. A restarted enclave therefore cannot draw a new
/// lottery nonce faster than once per delay.
/// <para>
/// The length is a count of hashes, not a time: the attested code fixes it. <see cref="IterationsFor"/> turns a
/// target duration into a count using a rate measured on a fast CPU running this very code path; production uses
/// <see cref="ProductionIterations"/> (10 s at <see cref="FastCpuHashesPerSecond"/>).
/// </para>
/// </summary>
public static class StartupDelay
{
    /// <summary>SHA-256 steps per second of this loop on a fast CPU: measured 2.0 M/s on a 2-core EPYC cloud VM; doubled for
    /// desktop-class cores with SHA extensions.
    /// Deliberately above what typical cloud cores reach, so the real delay is at least the target.</summary>
    public const long FastCpuHashesPerSecond = 4_000_000;

    public static readonly long ProductionIterations = IterationsFor(TimeSpan.FromSeconds(10));

    private static ReadOnlySpan<byte> Domain => "Obscuro.StartupDelay.v1"u8;

    public static long IterationsFor(TimeSpan target) =>
        target <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(target.TotalSeconds * FastCpuHashesPerSecond);

    /// <summary>Runs the chain and returns its final hash (mixed into the enclave's state so the work cannot be elided).</summary>
    public static byte[] Run(long iterations, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        Span<byte> state = stackalloc byte[32];
        SHA256.HashData(Domain, state);
        for (long i = 0; i < iterations; i++)
        {
            SHA256.HashData(state, state);
            if ((i & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
        }

        return state.ToArray();
    }
}
