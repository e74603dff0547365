using System.Text.Json.Nodes;
using Obscuro.Contracts.Artifacts;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Devnet;

namespace Obscuro.Contracts.Tests.Anvil;

/// <summary>
/// One anvil for a test collection, with AbiProbe deployed. Transactions are sent with <c>eth_sendTransaction</c>
/// from anvil's unlocked dev account 0, which anvil signs itself; the project's own signing sender comes later.
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime, IDisposable
{
    /// <summary>Account 0 of anvil's public test mnemonic.</summary>
    public static readonly Address DevAccount = Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");

    private readonly HttpClient _http = new();
    private AnvilProcess? _anvil;
    private EthRpcClient? _client;

    public AnvilProcess Anvil => _anvil ?? throw new InvalidOperationException("The fixture is not initialised.");

    public EthRpcClient Client => _client ?? throw new InvalidOperationException("The fixture is not initialised.");

    public ContractArtifact AbiProbe { get; } = ContractArtifacts.Embedded.Get("AbiProbe");

    public Address AbiProbeAddress { get; private set; }

    public async Task InitializeAsync()
    {
        _anvil = await AnvilProcess.StartAsync(hardfork: null);
        _client = _anvil.CreateClient(_http);
        var receipt = await SendTransactionAsync(to: null, AbiProbe.EncodeDeployment());
        AbiProbeAddress = receipt.ContractAddress ?? throw new InvalidOperationException("Deploying AbiProbe created no contract.");
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Sends a transaction from <see cref="DevAccount"/> through anvil's own signer and waits for its receipt.</summary>
    public async Task<RpcReceipt> SendTransactionAsync(Address? to, byte[] input)
    {
        var transaction = new JsonObject
        {
            ["from"] = DevAccount.ToString(),
            ["input"] = Hex.Encode(input),
        };
        if (to is { } recipient)
        {
            transaction["to"] = recipient.ToString();
        }

        var result = await Client.RequestAsync("eth_sendTransaction", [transaction]);
        return await WaitForReceiptAsync(Hash256.Parse(result.GetString()!));
    }

    /// <summary>Polls for the receipt until it exists or the deadline passes.</summary>
    public Task<RpcReceipt> WaitForReceiptAsync(Hash256 transactionHash) => Client.WaitForReceiptAsync(transactionHash);
}
