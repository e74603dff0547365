using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Rpc;

/// <summary>Retry, timeout and error mapping of the client, against an in-process fake node.</summary>
public sealed class EthRpcClientTransportTests
{
    private static readonly Uri SecretEndpoint = new("http://node.example:8545/v3/SECRET-API-KEY?token=abc");

    [Fact]
    public async Task Retries_server_errors_until_an_answer_arrives()
    {
        using var handler = new FakeRpcHandler((request, index, _) => Task.FromResult(index < 2
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : FakeRpcHandler.Json(FakeRpcHandler.Envelope(request, "\"result\":\"0x7a69\""))));
        var client = Client(handler, maxAttempts: 3);

        var chainId = await client.GetChainIdAsync();

        Assert.Equal(31337UL, chainId);
        Assert.Equal(3, handler.RequestCount);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task Gives_up_after_the_configured_attempts_naming_the_endpoint_without_secrets(HttpStatusCode status)
    {
        using var handler = new FakeRpcHandler((_, _, _) => Task.FromResult(new HttpResponseMessage(status)));
        var client = Client(handler, maxAttempts: 4);

        var e = await Assert.ThrowsAsync<L1UnavailableException>(() => client.GetBlockNumberAsync());

        Assert.Equal(4, handler.RequestCount);
        Assert.Equal(4, e.Attempts);
        Assert.Equal("eth_blockNumber", e.Method);
        Assert.Equal("http://node.example:8545", e.Endpoint);
        Assert.Contains("http://node.example:8545", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", e.Message, StringComparison.Ordinal);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_out_each_attempt_and_stays_within_a_bounded_time()
    {
        using var handler = new FakeRpcHandler(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        var client = Client(handler, maxAttempts: 3, timeout: TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<L1UnavailableException>(() => client.GetChainIdAsync());

        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.Equal(3, handler.RequestCount);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Connection_refused_is_retried_then_reported_unavailable()
    {
        var port = ClosedPort();
        using var http = new HttpClient();
        var client = new EthRpcClient(http, new EthRpcOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{port}"),
            MaxAttempts = 3,
            InitialBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(20),
        });

        var e = await Assert.ThrowsAsync<L1UnavailableException>(() => client.GetChainIdAsync());

        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Equal($"http://127.0.0.1:{port}", e.Endpoint);
        Assert.Equal(3, e.Attempts);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_turned_into_unavailability()
    {
        using var handler = new FakeRpcHandler(async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        var client = Client(handler, maxAttempts: 5, timeout: TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetChainIdAsync(cancellation.Token));
        Assert.Equal(1, handler.RequestCount);
    }

    [Fact]
    public async Task A_json_rpc_error_is_typed_and_not_retried()
    {
        using var handler = new FakeRpcHandler((request, _, _) => Task.FromResult(FakeRpcHandler.Json(
            FakeRpcHandler.Envelope(request, "\"error\":{\"code\":-32601,\"message\":\"Method not found\",\"data\":{\"hint\":\"x\"}}"))));
        var client = Client(handler, maxAttempts: 5);

        var e = await Assert.ThrowsAsync<RpcException>(() => client.GetGasPriceAsync());

        Assert.Equal(1, handler.RequestCount);
        Assert.Equal(-32601, e.Code);
        Assert.Equal("Method not found", e.RpcMessage);
        Assert.Equal("eth_gasPrice", e.Method);
        Assert.Equal("x", e.ErrorData!.Value.GetProperty("hint").GetString());
    }

    [Fact]
    public async Task A_revert_carries_its_data_and_decoded_reason()
    {
        var data = Hex.Encode(AbiError.ErrorString.Encode("stake too low"));
        using var handler = new FakeRpcHandler((request, _, _) => Task.FromResult(FakeRpcHandler.Json(
            FakeRpcHandler.Envelope(request, "\"error\":{\"code\":3,\"message\":\"execution reverted: stake too low\",\"data\":\"" + data + "\"}"))));
        var client = Client(handler, maxAttempts: 5);

        var e = await Assert.ThrowsAsync<ContractRevertException>(() => client.CallAsync(CallRequest.Create(Address.Zero, new byte[] { 1, 2, 3, 4 }), BlockTag.Latest));

        Assert.Equal(3, e.Code);
        Assert.Equal(data, Hex.Encode(e.RevertData.Span));
        Assert.Equal("stake too low", Assert.IsType<ErrorMessageRevert>(e.Reason).Message);
        Assert.Contains("Error(\"stake too low\")", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_old_style_revert_without_data_is_still_a_revert()
    {
        using var handler = new FakeRpcHandler((request, _, _) => Task.FromResult(FakeRpcHandler.Json(
            FakeRpcHandler.Envelope(request, "\"error\":{\"code\":-32000,\"message\":\"execution reverted\"}"))));
        var client = Client(handler, maxAttempts: 1);

        var e = await Assert.ThrowsAsync<ContractRevertException>(() => client.EstimateGasAsync(CallRequest.Create(Address.Zero, Array.Empty<byte>())));

        Assert.True(e.RevertData.IsEmpty);
        Assert.IsType<UnrecognizedRevert>(e.Reason);
    }

    [Theory]
    [InlineData("not json at all", HttpStatusCode.OK, "not JSON")]
    [InlineData("[1,2]", HttpStatusCode.OK, "not a JSON-RPC response object")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":999999,\"result\":\"0x1\"}", HttpStatusCode.OK, "does not match")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":1}", HttpStatusCode.OK, "neither a result nor an error")]
    [InlineData("<html>forbidden</html>", HttpStatusCode.Forbidden, "HTTP 403")]
    public async Task Malformed_answers_are_protocol_errors_and_not_retried(string body, HttpStatusCode status, string problem)
    {
        using var handler = new FakeRpcHandler((_, _, _) => Task.FromResult(FakeRpcHandler.Json(body, status)));
        var client = Client(handler, maxAttempts: 5);

        var e = await Assert.ThrowsAsync<RpcProtocolException>(() => client.GetChainIdAsync());

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.RequestCount);
    }

    [Theory]
    [InlineData("\"0x0001\"", "leading zero")]
    [InlineData("\"0x\"", "no digits")]
    [InlineData("\"12\"", "must start with 0x")]
    [InlineData("\"0xfoo\"", "not a hex digit")]
    [InlineData("42", "expected a hex string")]
    [InlineData("null", "expected a hex string")]
    public async Task Garbage_quantities_are_rejected_precisely(string result, string problem)
    {
        using var handler = FakeRpcHandler.Returning(result);
        var client = Client(handler, maxAttempts: 1);

        var e = await Assert.ThrowsAsync<RpcProtocolException>(() => client.GetBlockNumberAsync());

        Assert.Contains("eth_blockNumber result", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_answers_are_refused()
    {
        using var handler = FakeRpcHandler.Returning("\"0x" + new string('a', 4096) + "\"");
        using var http = new HttpClient(handler, disposeHandler: false);
        var client = new EthRpcClient(http, new EthRpcOptions { Endpoint = SecretEndpoint, MaxResponseBytes = 1024 });

        var e = await Assert.ThrowsAsync<RpcProtocolException>(() => client.GetCodeAsync(Address.Zero, BlockTag.Latest));

        Assert.Contains("limit of 1024", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_raw_transaction_checks_the_returned_hash()
    {
        var raw = new byte[] { 0x02, 0xc0 };
        using var handler = FakeRpcHandler.Returning("\"" + Hash256.Zero + "\"");
        var client = Client(handler, maxAttempts: 1);

        var e = await Assert.ThrowsAsync<RpcProtocolException>(() => client.SendRawTransactionAsync(raw));

        Assert.Contains(Keccak256.Hash(raw).ToString(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_raw_transaction_treats_already_known_as_sent()
    {
        var raw = new byte[] { 0x02, 0xc1, 0x80 };
        using var handler = new FakeRpcHandler((request, _, _) => Task.FromResult(FakeRpcHandler.Json(
            FakeRpcHandler.Envelope(request, "\"error\":{\"code\":-32000,\"message\":\"already known\"}"))));
        var client = Client(handler, maxAttempts: 1);

        var hash = await client.SendRawTransactionAsync(raw);

        Assert.Equal(Keccak256.Hash(raw), hash);
        Assert.Equal("0x02c180", handler.LastRequest.GetProperty("params")[0].GetString());
    }

    [Fact]
    public async Task Requests_are_well_formed_json_rpc()
    {
        using var handler = FakeRpcHandler.Returning("\"0x\"");
        var client = Client(handler, maxAttempts: 1);
        var to = Address.Parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

        await client.CallAsync(new CallRequest { To = to, From = to, Gas = 21000, Value = new UInt256(5), Input = new byte[] { 0xab } }, BlockTag.At(16));

        var request = handler.LastRequest;
        Assert.Equal("2.0", request.GetProperty("jsonrpc").GetString());
        Assert.Equal("eth_call", request.GetProperty("method").GetString());
        var call = request.GetProperty("params")[0];
        Assert.Equal(to.ToString(), call.GetProperty("to").GetString());
        Assert.Equal("0x5208", call.GetProperty("gas").GetString());
        Assert.Equal("0x5", call.GetProperty("value").GetString());
        Assert.Equal("0xab", call.GetProperty("input").GetString());
        Assert.Equal("0xab", call.GetProperty("data").GetString());
        Assert.Equal("0x10", request.GetProperty("params")[1].GetString());
    }

    [Fact]
    public async Task Log_filters_write_address_lists_and_topic_alternatives()
    {
        using var handler = FakeRpcHandler.Returning("[]");
        var client = Client(handler, maxAttempts: 1);
        var a = Address.Parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        var b = Address.Parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        var t1 = Keccak256.Hash([1]);
        var t2 = Keccak256.Hash([2]);

        var logs = await client.GetLogsAsync(LogFilter.ForRange(BlockTag.At(1), BlockTag.Latest).WithAddresses(a, b).WithTopics([t1], null, [t1, t2]));

        Assert.Empty(logs);
        var filter = handler.LastRequest.GetProperty("params")[0];
        Assert.Equal("0x1", filter.GetProperty("fromBlock").GetString());
        Assert.Equal("latest", filter.GetProperty("toBlock").GetString());
        Assert.Equal(2, filter.GetProperty("address").GetArrayLength());
        var topics = filter.GetProperty("topics");
        Assert.Equal(t1.ToString(), topics[0].GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, topics[1].ValueKind);
        Assert.Equal(t2.ToString(), topics[2][1].GetString());
    }

    [Fact]
    public async Task Log_filters_with_both_a_hash_and_a_range_are_refused()
    {
        using var handler = FakeRpcHandler.Returning("[]");
        var client = Client(handler, maxAttempts: 1);

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetLogsAsync(LogFilter.ForBlock(Hash256.Zero) with { FromBlock = BlockTag.Earliest }));
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetLogsAsync(new LogFilter { Topics = [null, null, null, null, null] }));
        Assert.Equal(0, handler.RequestCount);
    }

    [Fact]
    public void Options_are_validated()
    {
        using var http = new HttpClient();

        Assert.Throws<ArgumentException>(() => new EthRpcClient(http, new EthRpcOptions()));
        Assert.Throws<ArgumentException>(() => new EthRpcClient(http, new EthRpcOptions { Endpoint = new Uri("ws://localhost:8545") }));
        Assert.Throws<ArgumentException>(() => new EthRpcClient(http, new EthRpcOptions { Endpoint = SecretEndpoint, MaxAttempts = 0 }));
        Assert.Throws<ArgumentException>(() => new EthRpcClient(http, new EthRpcOptions { Endpoint = SecretEndpoint, RequestTimeout = TimeSpan.Zero }));
    }

    private static EthRpcClient Client(FakeRpcHandler handler, int maxAttempts, TimeSpan? timeout = null) =>
        new(new HttpClient(handler, disposeHandler: false), new EthRpcOptions
        {
            Endpoint = SecretEndpoint,
            MaxAttempts = maxAttempts,
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(5),
            InitialBackoff = TimeSpan.FromMilliseconds(5),
            MaxBackoff = TimeSpan.FromMilliseconds(20),
        });

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
