namespace Obscuro.Grains.Node;

/// <summary>
/// One reveal interval of one option on one node (ARCHITECTURE §7), keyed <c>{nodeId}/{option}/{interval}</c> with the
/// option's name (XS, S, M, L, XL): enclave side, on the node's primary TEE silo. Releases
/// <c>EncryptionKey(option, interval)</c> and the positions of that option's group in every rollup of the interval,
/// signed by the enclave, once a rollup of the next interval is in an L1 block the enclave verified; before that it
/// refuses, whoever asks. Internal: clients reach it through <see cref="INodeApiGrain.RevealAsync"/>.
/// </summary>
[Alias("Obscuro.IRevealIntervalGrain")]
public interface IRevealIntervalGrain : IGrainWithStringKey
{
    [Alias("Release")]
    Task<RevealReply> ReleaseAsync();
}
