using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>What a wallet learns about its submission: accepted with the transaction hash, or why not.</summary>
[GenerateSerializer]
[Alias("Obscuro.SubmissionResult")]
public sealed record SubmissionResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] byte Reason,
    [property: Id(2)] string Message,
    [property: Id(3)] Hash256? TransactionHash);
