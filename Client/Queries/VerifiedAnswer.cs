using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.Client.Queries;

/// <summary>
/// An answer that passed every check: signed by <see cref="Enclave"/>, an enclave registered on L1, and based on
/// <see cref="BasedOn"/>, a rollup published on the current L1 chain.
/// </summary>
public sealed record VerifiedAnswer<T>(T Value, RollupAnchor BasedOn, Address Enclave);
