using Microsoft.Extensions.Configuration;
using Obscuro.Contracts.Rpc;
using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Grains.L1;
using Obscuro.Grains.Node;

namespace Obscuro.Grains.Tests.Enclave;

/// <summary>
/// Test-only host side of <see cref="IL1BlockSourceGrain"/> (the host engineer's implementation is not on main yet):
/// fetches a block by hash from the anvil named in <c>Obscuro:Tests:L1Endpoint</c>, with its receipts, as the
/// consensus encodings the enclave verifies. It checks nothing, like any host: the enclave must.
/// </summary>
public sealed class AnvilBlockSourceGrain(IConfiguration configuration) : Grain, IL1BlockSourceGrain
{
    public const string EndpointKey = "Obscuro:Tests:L1Endpoint";

    private static readonly HttpClient Http = new();

    public async Task<L1BlockMaterial> GetBlockAsync(L1BlockNotice block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var endpoint = configuration[EndpointKey] ?? throw new InvalidOperationException($"{EndpointKey} is not configured.");
        var rpc = new EthRpcClient(Http, new EthRpcOptions { Endpoint = new Uri(endpoint), MaxAttempts = 2, InitialBackoff = TimeSpan.FromMilliseconds(20), MaxBackoff = TimeSpan.FromMilliseconds(100) });
        var fetched = await new L1BlockFetcher(rpc).FetchAsync(block.Hash)
            ?? throw new InvalidOperationException($"The L1 node does not know block {block.Number} {block.Hash}.");
        return fetched.ToUnverified().ToMaterial();
    }
}
