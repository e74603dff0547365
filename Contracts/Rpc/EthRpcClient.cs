using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Obscuro.Contracts.Abi;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Contracts.Rpc;

/// <summary>
/// An Ethereum JSON-RPC client over HTTP for the L1. Transport failures (connection refused or reset, HTTP 5xx, 408
/// or 429, no answer within <see cref="EthRpcOptions.RequestTimeout"/>) are retried with exponential backoff and
/// jitter; once <see cref="EthRpcOptions.MaxAttempts"/> attempts failed the call throws
/// <see cref="L1UnavailableException"/>. A JSON-RPC error from the node is not retried: it is an
/// <see cref="RpcException"/>, or a <see cref="ContractRevertException"/> when execution reverted. A malformed answer
/// is an <see cref="RpcProtocolException"/>. Thread-safe; share one per endpoint.
/// </summary>
/// <remarks>
/// Retrying re-sends the same request, which is safe for reads and for <c>eth_sendRawTransaction</c> (the same signed
/// bytes cannot be included twice), but would repeat a non-idempotent dev call such as <c>anvil_mine</c> whose first
/// attempt reached the node before the connection failed.
/// </remarks>
public sealed class EthRpcClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly HttpClient _http;
    private readonly EthRpcOptions _options;
    private readonly Uri _endpoint;
    private long _nextId;

    /// <param name="http">The HTTP client to send with (e.g. from IHttpClientFactory); not disposed by this class.</param>
    /// <param name="options">The endpoint and the retry policy; validated here.</param>
    public EthRpcClient(HttpClient http, EthRpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _options = options;
        _endpoint = options.Endpoint!;
        EndpointName = _endpoint.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Scheme, host and port of the node; never its path or query, which may hold an API key.</summary>
    public string EndpointName { get; }

    public Task<ulong> GetChainIdAsync(CancellationToken cancellationToken = default) =>
        SendAsync("eth_chainId", NoParameters, Quantity64, null, cancellationToken);

    public Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken = default) =>
        SendAsync("eth_blockNumber", NoParameters, Quantity64, null, cancellationToken);

    /// <summary>The block with its full transactions, or null when the node has no such block.</summary>
    public Task<RpcBlock?> GetBlockByNumberAsync(BlockTag block, CancellationToken cancellationToken = default)
    {
        // A pending block has no hash, number or nonce yet, so it is not a block in the sense of RpcBlock.
        if (block == BlockTag.Pending)
        {
            throw new ArgumentException("The pending block has no hash yet; ask for latest or a number.", nameof(block));
        }

        return SendAsync(
            "eth_getBlockByNumber",
            w =>
            {
                w.WriteStringValue(block.ToString());
                w.WriteBooleanValue(true);
            },
            (result, context) => OrNull(result, context, RpcModelReader.Block),
            null,
            cancellationToken);
    }

    /// <summary>The block with its full transactions, or null when the node does not know the hash.</summary>
    public Task<RpcBlock?> GetBlockByHashAsync(Hash256 blockHash, CancellationToken cancellationToken = default) =>
        SendAsync(
            "eth_getBlockByHash",
            w =>
            {
                w.WriteStringValue(blockHash.ToString());
                w.WriteBooleanValue(true);
            },
            (result, context) => OrNull(result, context, RpcModelReader.Block),
            null,
            cancellationToken);

    /// <summary>The transaction, or null when the node does not know it.</summary>
    public Task<RpcTransaction?> GetTransactionByHashAsync(Hash256 transactionHash, CancellationToken cancellationToken = default) =>
        SendAsync(
            "eth_getTransactionByHash",
            w => w.WriteStringValue(transactionHash.ToString()),
            (result, context) => OrNull(result, context, RpcModelReader.Transaction),
            null,
            cancellationToken);

    /// <summary>The receipt, or null while the transaction is not in a block (or unknown).</summary>
    public Task<RpcReceipt?> GetTransactionReceiptAsync(Hash256 transactionHash, CancellationToken cancellationToken = default) =>
        SendAsync(
            "eth_getTransactionReceipt",
            w => w.WriteStringValue(transactionHash.ToString()),
            (result, context) => OrNull(result, context, RpcModelReader.Receipt),
            null,
            cancellationToken);

    /// <summary>All receipts of a block, in transaction order, or null when the node has no such block.</summary>
    public Task<IReadOnlyList<RpcReceipt>?> GetBlockReceiptsAsync(BlockTag block, CancellationToken cancellationToken = default) =>
        SendAsync("eth_getBlockReceipts", w => w.WriteStringValue(block.ToString()), Receipts, null, cancellationToken);

    /// <summary>All receipts of the block with this hash, in transaction order, or null when the node does not know it.</summary>
    public Task<IReadOnlyList<RpcReceipt>?> GetBlockReceiptsAsync(Hash256 blockHash, CancellationToken cancellationToken = default) =>
        SendAsync("eth_getBlockReceipts", w => w.WriteStringValue(blockHash.ToString()), Receipts, null, cancellationToken);

    public Task<IReadOnlyList<RpcLog>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Validate(filter);
        return SendAsync(
            "eth_getLogs",
            w => RpcJsonWriter.WriteFilter(w, filter),
            (result, context) => RpcJsonReader.ArrayElement(result, context, RpcModelReader.Log),
            null,
            cancellationToken);
    }

    /// <summary>
    /// Executes a call without a transaction and returns its return data. A revert is a
    /// <see cref="ContractRevertException"/> whose reason is decoded with <paramref name="errors"/> when given.
    /// </summary>
    public Task<byte[]> CallAsync(CallRequest call, BlockTag block, ContractAbi? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return SendAsync(
            "eth_call",
            w =>
            {
                RpcJsonWriter.WriteCall(w, call);
                w.WriteStringValue(block.ToString());
            },
            Data,
            errors,
            cancellationToken);
    }

    /// <summary>
    /// Executes a call on the state of <paramref name="stateAt"/> as if it ran in block number
    /// <paramref name="executeAsBlock"/> (a block override; geth and anvil support it). Replaying a transaction that
    /// reverted in block N on the state of N−1 needs this, or checks of <c>block.number</c> see the wrong block.
    /// </summary>
    public Task<byte[]> CallAsBlockAsync(CallRequest call, BlockTag stateAt, ulong executeAsBlock, ContractAbi? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return SendAsync(
            "eth_call",
            w =>
            {
                RpcJsonWriter.WriteCall(w, call);
                w.WriteStringValue(stateAt.ToString());
                w.WriteStartObject();
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("number", HexQuantity.Format(executeAsBlock));
                w.WriteEndObject();
            },
            Data,
            errors,
            cancellationToken);
    }

    /// <summary>
    /// The node's gas estimate for the call at <paramref name="block"/> (the node's default, the latest block,
    /// when null). A revert is a <see cref="ContractRevertException"/>.
    /// </summary>
    public Task<ulong> EstimateGasAsync(CallRequest call, BlockTag? block = null, ContractAbi? errors = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return SendAsync(
            "eth_estimateGas",
            w =>
            {
                RpcJsonWriter.WriteCall(w, call);
                if (block is { } tag)
                {
                    w.WriteStringValue(tag.ToString());
                }
            },
            Quantity64,
            errors,
            cancellationToken);
    }

    /// <summary>
    /// Fee history of <paramref name="blockCount"/> blocks ending at <paramref name="newestBlock"/>, with the
    /// priority fees paid at each of <paramref name="rewardPercentiles"/> (0 to 100, ascending).
    /// </summary>
    public Task<RpcFeeHistory> GetFeeHistoryAsync(int blockCount, BlockTag newestBlock, IReadOnlyList<double> rewardPercentiles, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockCount);
        ArgumentNullException.ThrowIfNull(rewardPercentiles);
        return SendAsync(
            "eth_feeHistory",
            w =>
            {
                w.WriteStringValue(HexQuantity.Format((ulong)blockCount));
                w.WriteStringValue(newestBlock.ToString());
                w.WriteStartArray();
                foreach (var percentile in rewardPercentiles)
                {
                    w.WriteNumberValue(percentile);
                }

                w.WriteEndArray();
            },
            RpcModelReader.FeeHistory,
            null,
            cancellationToken);
    }

    /// <summary>The account's nonce at <paramref name="block"/>; <see cref="BlockTag.Pending"/> also counts pool transactions.</summary>
    public Task<ulong> GetTransactionCountAsync(Address account, BlockTag block, CancellationToken cancellationToken = default) =>
        SendAsync("eth_getTransactionCount", w => WriteAccountAt(w, account, block), Quantity64, null, cancellationToken);

    public Task<UInt256> GetBalanceAsync(Address account, BlockTag block, CancellationToken cancellationToken = default) =>
        SendAsync("eth_getBalance", w => WriteAccountAt(w, account, block), Quantity256, null, cancellationToken);

    /// <summary>The runtime code at the address (empty for an account without code).</summary>
    public Task<byte[]> GetCodeAsync(Address account, BlockTag block, CancellationToken cancellationToken = default) =>
        SendAsync("eth_getCode", w => WriteAccountAt(w, account, block), Data, null, cancellationToken);

    public Task<UInt256> GetGasPriceAsync(CancellationToken cancellationToken = default) =>
        SendAsync("eth_gasPrice", NoParameters, Quantity256, null, cancellationToken);

    public Task<UInt256> GetMaxPriorityFeePerGasAsync(CancellationToken cancellationToken = default) =>
        SendAsync("eth_maxPriorityFeePerGas", NoParameters, Quantity256, null, cancellationToken);

    /// <summary>
    /// Submits a signed transaction (its network encoding) and returns its hash. The hash is checked against
    /// <c>keccak256(rawTransaction)</c>, or for an EIP-4844 transaction in its network form against the hash of its
    /// canonical form; a node that reports the transaction as already known (e.g. because a retried attempt had in
    /// fact reached it) counts as success.
    /// </summary>
    public async Task<Hash256> SendRawTransactionAsync(ReadOnlyMemory<byte> rawTransaction, CancellationToken cancellationToken = default)
    {
        if (rawTransaction.IsEmpty)
        {
            throw new ArgumentException("The raw transaction is empty.", nameof(rawTransaction));
        }

        var expected = TransactionHashOf(rawTransaction.Span);
        var hex = Hex.Encode(rawTransaction.Span);
        try
        {
            var hash = await SendAsync("eth_sendRawTransaction", w => w.WriteStringValue(hex), HashResult, null, cancellationToken).ConfigureAwait(false);
            return hash == expected
                ? hash
                : throw new RpcProtocolException($"eth_sendRawTransaction: the node returned hash {hash}, but the transaction's hash is {expected}.");
        }
        catch (RpcException e) when (IsAlreadyKnown(e.RpcMessage))
        {
            return expected;
        }
    }

    /// <summary>
    /// The hash of a transaction as sent: keccak of its bytes, except for an EIP-4844 transaction in its network form,
    /// <c>0x03 ‖ rlp([tx_payload, …blobs, commitments, proofs])</c>, whose hash is that of its canonical form
    /// <c>0x03 ‖ tx_payload</c>. Bytes that do not parse are hashed as they are (the node will reject them).
    /// </summary>
    private static Hash256 TransactionHashOf(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > 1 && raw[0] == (byte)TransactionType.Blob)
        {
            try
            {
                var outer = new RlpReader(raw[1..]);
                var items = outer.ReadList();
                if (items.NextIsList)
                {
                    var payload = items.ReadEncodedItem();
                    var canonical = new byte[1 + payload.Length];
                    canonical[0] = (byte)TransactionType.Blob;
                    payload.CopyTo(canonical.AsSpan(1));
                    return Keccak256.Hash(canonical);
                }
            }
            catch (RlpException)
            {
                // Not a network-form blob transaction.
            }
        }

        return Keccak256.Hash(raw);
    }

    /// <summary>
    /// Any JSON-RPC method, e.g. the dev calls of anvil (<c>anvil_mine</c>, <c>evm_snapshot</c>, …); see
    /// <see cref="DevRpcExtensions"/>. Returns the <c>result</c> as is (null results as a JSON null).
    /// </summary>
    public Task<JsonElement> RequestAsync(string method, IReadOnlyList<JsonNode?> parameters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parameters);
        return SendAsync(
            method,
            w =>
            {
                foreach (var parameter in parameters)
                {
                    if (parameter is null)
                    {
                        w.WriteNullValue();
                    }
                    else
                    {
                        parameter.WriteTo(w);
                    }
                }
            },
            (result, _) => result.Clone(),
            null,
            cancellationToken);
    }

    private static RpcException ToException(string method, JsonElement error, ContractAbi? errors)
    {
        if (error.ValueKind != JsonValueKind.Object
            || !error.TryGetProperty("code", out var codeElement)
            || !codeElement.TryGetInt32(out var code))
        {
            throw new RpcProtocolException($"{method}: the JSON-RPC error is not an object with an integer code: {error.GetRawText()}");
        }

        var message = error.TryGetProperty("message", out var messageElement) && messageElement.ValueKind == JsonValueKind.String
            ? messageElement.GetString()!
            : string.Empty;
        JsonElement? data = error.TryGetProperty("data", out var dataElement) && dataElement.ValueKind != JsonValueKind.Null
            ? dataElement.Clone()
            : null;

        // Geth and anvil report reverts as code 3 with the revert data as hex; older nodes as -32000 "execution reverted".
        var reverted = code == 3 || message.StartsWith("execution reverted", StringComparison.Ordinal);
        if (reverted)
        {
            if (data is null)
            {
                return new ContractRevertException(method, code, message, null, ReadOnlyMemory<byte>.Empty, errors);
            }

            if (data.Value.ValueKind == JsonValueKind.String)
            {
                try
                {
                    return new ContractRevertException(method, code, message, data, HexQuantity.ParseData(data.Value.GetString()!), errors);
                }
                catch (FormatException)
                {
                    // Not revert data after all; report the error as the node wrote it.
                }
            }
        }

        return new RpcException(method, code, message, data);
    }

    private static byte[] Serialize(long id, string method, Action<Utf8JsonWriter> writeParameters)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteNumber("id", id);
            writer.WriteString("method", method);
            writer.WriteStartArray("params");
            writeParameters(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool IsAlreadyKnown(string message) =>
        message.Contains("already known", StringComparison.OrdinalIgnoreCase)
        || message.Contains("already imported", StringComparison.OrdinalIgnoreCase)
        || message.Contains("already exists", StringComparison.OrdinalIgnoreCase);

    private static void Validate(LogFilter filter)
    {
        if (filter.BlockHash is not null && (filter.FromBlock is not null || filter.ToBlock is not null))
        {
            throw new ArgumentException("A log filter names either a block hash or a block range, not both.", nameof(filter));
        }

        if (filter.Topics.Count > 4)
        {
            throw new ArgumentException($"A log has at most 4 topics; the filter constrains {filter.Topics.Count}.", nameof(filter));
        }
    }

    private static void NoParameters(Utf8JsonWriter writer)
    {
    }

    private static void WriteAccountAt(Utf8JsonWriter writer, Address account, BlockTag block)
    {
        writer.WriteStringValue(account.ToString());
        writer.WriteStringValue(block.ToString());
    }

    private static T? OrNull<T>(JsonElement result, string context, Func<JsonElement, string, T> read)
        where T : class =>
        result.ValueKind == JsonValueKind.Null ? null : read(result, context);

    private static IReadOnlyList<RpcReceipt>? Receipts(JsonElement result, string context) =>
        result.ValueKind == JsonValueKind.Null ? null : RpcJsonReader.ArrayElement(result, context, RpcModelReader.Receipt);

    private static ulong Quantity64(JsonElement result, string context) => RpcJsonReader.ParseElement(result, context, HexQuantity.ParseUInt64);

    private static UInt256 Quantity256(JsonElement result, string context) => RpcJsonReader.ParseElement(result, context, HexQuantity.ParseUInt256);

    private static byte[] Data(JsonElement result, string context) => RpcJsonReader.ParseElement(result, context, HexQuantity.ParseData);

    private static Hash256 HashResult(JsonElement result, string context) => RpcJsonReader.HashElement(result, context);

    private async Task<T> SendAsync<T>(
        string method,
        Action<Utf8JsonWriter> writeParameters,
        Func<JsonElement, string, T> readResult,
        ContractAbi? errors,
        CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var body = Serialize(id, method, writeParameters);
        var answer = await PostWithRetriesAsync(method, body, cancellationToken).ConfigureAwait(false);
        return Interpret(method, id, answer.Body, answer.Status, readResult, errors);
    }

    private async Task<(byte[] Body, HttpStatusCode Status)> PostWithRetriesAsync(string method, byte[] body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            try
            {
                return await PostOnceAsync(body, cancellationToken).ConfigureAwait(false);
            }
            catch (TransientFailureException e)
            {
                failure = e.InnerException!;
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw new L1UnavailableException(EndpointName, method, attempt, Stopwatch.GetElapsedTime(started), failure);
            }

            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(byte[] Body, HttpStatusCode Status)> PostOnceAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = JsonContentType;
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = response.StatusCode;
            if ((int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            {
                throw new TransientFailureException(new HttpRequestException($"HTTP {(int)status} {response.ReasonPhrase}", null, status));
            }

            var answer = await ReadBoundedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            return (answer, status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientFailureException(new TimeoutException($"no answer within {_options.RequestTimeout.TotalSeconds:0.###}s"));
        }
        catch (HttpRequestException e)
        {
            throw new TransientFailureException(e);
        }
        catch (IOException e)
        {
            throw new TransientFailureException(e);
        }
    }

    private async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            throw new RpcProtocolException($"The answer from {EndpointName} is {content.Headers.ContentLength} bytes, over the limit of {_options.MaxResponseBytes}.");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new ArrayBufferWriter<byte>(16 * 1024);
            while (true)
            {
                var memory = buffer.GetMemory(16 * 1024);
                var read = await stream.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenSpan.ToArray();
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > _options.MaxResponseBytes)
                {
                    throw new RpcProtocolException($"The answer from {EndpointName} exceeds the limit of {_options.MaxResponseBytes} bytes.");
                }
            }
        }
    }

    private T Interpret<T>(string method, long id, byte[] body, HttpStatusCode status, Func<JsonElement, string, T> readResult, ContractAbi? errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            var kind = (int)status is >= 200 and < 300 ? "an answer that is not JSON" : $"HTTP {(int)status}";
            throw new RpcProtocolException($"{method}: {EndpointName} sent {kind}: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RpcProtocolException($"{method}: the answer is not a JSON-RPC response object (got {root.ValueKind}).");
            }

            var hasError = root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null;
            var hasId = root.TryGetProperty("id", out var answerId) && answerId.ValueKind != JsonValueKind.Null;
            var idMatches = hasId && answerId.ValueKind == JsonValueKind.Number && answerId.TryGetInt64(out var number) && number == id;

            // An error about a request the node could not parse carries a null id; that error is still worth reporting.
            if (!idMatches && !(hasError && !hasId))
            {
                throw new RpcProtocolException($"{method}: the answer's id does not match the request's id {id}.");
            }

            if (hasError)
            {
                throw ToException(method, error, errors);
            }

            if ((int)status is < 200 or >= 300)
            {
                throw new RpcProtocolException($"{method}: {EndpointName} answered HTTP {(int)status} without a JSON-RPC error.");
            }

            if (!root.TryGetProperty("result", out var result))
            {
                throw new RpcProtocolException($"{method}: the answer has neither a result nor an error.");
            }

            return readResult(result, method + " result");
        }
    }

    private TimeSpan Backoff(int failedAttempts)
    {
        var exponential = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, failedAttempts - 1);
        var capped = Math.Min(exponential, _options.MaxBackoff.TotalMilliseconds);

        // Jitter in [50%, 100%] spreads the retries of many callers that failed together.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    /// <summary>Marks a failure worth retrying; never escapes this class.</summary>
    private sealed class TransientFailureException : Exception
    {
        public TransientFailureException(Exception inner)
            : base(inner.Message, inner)
        {
        }
    }
}
