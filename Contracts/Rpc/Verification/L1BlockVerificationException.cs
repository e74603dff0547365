using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc.Verification;

/// <summary>
/// An L1 block whose contents do not match its header (or its header its hash): the host, or the node behind it, sent
/// something that is not an L1 block. The message names the block, the <see cref="Reason"/> and what differs.
/// </summary>
public sealed class L1BlockVerificationException : Exception
{
    public L1BlockVerificationException(L1BlockRejectionReason reason, ulong? blockNumber, Hash256 claimedHash, string detail, Exception? innerException = null)
        : base(Describe(reason, blockNumber, claimedHash, detail), innerException)
    {
        Reason = reason;
        BlockNumber = blockNumber;
        ClaimedHash = claimedHash;
        Detail = detail;
    }

    public L1BlockRejectionReason Reason { get; }

    /// <summary>The block's number as its header (or the node) states it; null when not even that could be read.</summary>
    public ulong? BlockNumber { get; }

    /// <summary>The hash the block was delivered under (not necessarily the hash of what was delivered).</summary>
    public Hash256 ClaimedHash { get; }

    /// <summary>What differs, with both values.</summary>
    public string Detail { get; }

    private static string Describe(L1BlockRejectionReason reason, ulong? number, Hash256 hash, string detail) =>
        $"L1 block {(number is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")} ({hash}) rejected, {reason}: {detail}";
}
