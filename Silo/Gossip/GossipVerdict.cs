using Obscuro.Protocol.Gossip;

namespace Obscuro.Silo.Gossip;

/// <summary>What the endpoint answers: 202 for an accepted message, otherwise the rejection with its HTTP status and reason.</summary>
public sealed record GossipVerdict(int Status, GossipRejection Rejection, string Message)
{
    public static GossipVerdict Accepted { get; } = new(202, GossipRejection.None, "accepted");

    public static GossipVerdict NotReady { get; } = new(503, GossipRejection.None, "this node has not read the registry from L1 yet");

    public static GossipVerdict Reject(GossipRejection rejection, string message) => new(StatusOf(rejection), rejection, message);

    public static int StatusOf(GossipRejection rejection) => rejection switch
    {
        GossipRejection.Unauthenticated => 401,
        GossipRejection.UnknownPeer => 403,
        GossipRejection.Replay => 409,
        GossipRejection.Oversized => 413,
        GossipRejection.InvalidCandidate => 422,
        GossipRejection.RateLimited => 429,
        _ => 400,
    };
}
