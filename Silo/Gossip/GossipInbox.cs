using System.Globalization;
using Obscuro.Contracts.Bindings;
using Obscuro.Grains.Conversions;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Gossip;
using Obscuro.Protocol.Pobi;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Silo.Gossip;

/// <summary>
/// Verifies one incoming gossip request before anything uses it, cheapest check first: size; the operator signature
/// (who sent it); that the sender operates a registered aggregator in the enclave's verified registry view; replay and
/// rate limits for that peer; then the content: a candidate must decode as <c>publishRollup</c> calldata and pass
/// <see cref="CandidateCheck"/> (enclave signature by a registered, provisioned aggregator; blob hash). Transactions
/// go to the mempool, whose enclave admission decrypts and checks them like a client's. Public data only.
/// </summary>
public sealed class GossipInbox(
    IPeerSource peers,
    IGossipSink sink,
    GossipOptions options,
    ulong l1ChainId,
    Address networkManagement,
    Address rollupManagement,
    TimeProvider time)
{
    private readonly PeerGuard _guard = new(options.RatePerSecond, options.Burst, options.Freshness);
    private readonly Lock _lock = new();

    public GossipOptions Options => options;

    public int MaxBytes(GossipKind kind) => kind == GossipKind.Candidate ? options.MaxCandidateBytes : options.MaxTransactionBytes;

    public async Task<GossipVerdict> ReceiveAsync(GossipKind kind, string? sequenceHeader, string? signatureHeader, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var max = MaxBytes(kind);
        if (body.Length > max)
        {
            return GossipVerdict.Reject(GossipRejection.Oversized, $"the body has {body.Length} bytes; at most {max} are accepted for this kind");
        }

        if (body.Length == 0)
        {
            return GossipVerdict.Reject(GossipRejection.Malformed, "the body is empty");
        }

        if (!ulong.TryParse(sequenceHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return GossipVerdict.Reject(GossipRejection.Unauthenticated, $"the {GossipPaths.SequenceHeader} header is missing or not a decimal number");
        }

        byte[] signature;
        try
        {
            signature = Hex.Decode(signatureHeader ?? string.Empty);
        }
        catch (FormatException)
        {
            return GossipVerdict.Reject(GossipRejection.Unauthenticated, $"the {GossipPaths.SignatureHeader} header is not hex");
        }

        if (GossipSignature.Recover(l1ChainId, networkManagement, kind, sequence, body, signature) is not { } sender)
        {
            return GossipVerdict.Reject(GossipRejection.Unauthenticated, $"the {GossipPaths.SignatureHeader} header is missing or recovers no account");
        }

        var registry = await peers.GetPeersAsync(refresh: false, cancellationToken);
        var peer = Find(registry, sender);
        if (peer is null)
        {
            // A peer that registered a moment ago: read the registry once more before refusing it.
            registry = await peers.GetPeersAsync(refresh: true, cancellationToken);
            peer = Find(registry, sender);
        }

        if (registry.Count == 0)
        {
            return GossipVerdict.NotReady;
        }

        if (peer is null)
        {
            return GossipVerdict.Reject(GossipRejection.UnknownPeer, $"{sender.ToChecksumString()} is not the operator of a registered aggregator");
        }

        GossipRejection admitted;
        lock (_lock)
        {
            admitted = _guard.Admit(sender, sequence, (ulong)time.GetUtcNow().ToUnixTimeMilliseconds());
        }

        if (admitted == GossipRejection.Replay)
        {
            return GossipVerdict.Reject(admitted, $"sequence {sequence} was already received from this peer or is outside the {options.Freshness.TotalSeconds:0} s freshness window");
        }

        if (admitted == GossipRejection.RateLimited)
        {
            return GossipVerdict.Reject(admitted, $"more than {options.RatePerSecond} requests per second (burst {options.Burst}) from this peer");
        }

        if (kind == GossipKind.Transaction)
        {
            await sink.AcceptTransactionAsync(body);
            return GossipVerdict.Accepted;
        }

        SignedRollup candidate;
        try
        {
            var call = RollupManagementContract.DecodePublishRollupCall(body);
            candidate = new SignedRollup(call.Header, call.EncryptedBlob.ToArray(), call.Signature.ToArray());
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return GossipVerdict.Reject(GossipRejection.Malformed, "the body is not publishRollup calldata");
        }

        var reason = CandidateCheck.Reject(candidate, l1ChainId, rollupManagement, enclave =>
            registry.Any(p => p.EnclaveAddress == enclave && p.IsAggregator && p.Provisioned));
        if (reason is not null)
        {
            return GossipVerdict.Reject(GossipRejection.InvalidCandidate, "candidate refused: " + reason);
        }

        await sink.AcceptCandidateAsync(candidate.ToEnvelope());
        return GossipVerdict.Accepted;
    }

    private static PeerInfo? Find(IReadOnlyList<PeerInfo> registry, Address sender) =>
        registry.FirstOrDefault(p => p.Operator == sender && p.IsAggregator);
}
