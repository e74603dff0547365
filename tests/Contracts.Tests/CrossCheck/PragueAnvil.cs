using Obscuro.Contracts.Rpc;
using Obscuro.Silo.Devnet;

namespace Obscuro.Contracts.Tests.CrossCheck;

/// <summary>
/// An anvil of its own, pinned to Prague (mainnet's fork; anvil's default is newer), for tests that check anvil's
/// blocks and transactions against ours. Automining, until a test turns it off.
/// </summary>
public sealed class PragueAnvil : IAsyncLifetime, IDisposable
{
    public const ulong ChainId = 31337;

    private readonly HttpClient _http = new();
    private AnvilProcess? _anvil;
    private EthRpcClient? _client;

    public EthRpcClient Client => _client ?? throw new InvalidOperationException("The fixture is not initialised.");

    public async Task InitializeAsync()
    {
        _anvil = await AnvilProcess.StartAsync(hardfork: "prague");
        _client = _anvil.CreateClient(_http);
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
    }

    public void Dispose() => _http.Dispose();
}
