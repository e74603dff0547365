using System.Net;
using System.Text;
using System.Text.Json;

namespace Obscuro.Contracts.Tests.Rpc;

/// <summary>
/// An in-process HTTP handler that plays the node: each request is answered by <see cref="Respond"/>, which sees
/// the JSON-RPC request and how many requests came before it.
/// </summary>
internal sealed class FakeRpcHandler : HttpMessageHandler
{
    private readonly List<JsonDocument> _requests = [];

    public FakeRpcHandler(Func<JsonElement, int, CancellationToken, Task<HttpResponseMessage>> respond)
    {
        Respond = respond;
    }

    public Func<JsonElement, int, CancellationToken, Task<HttpResponseMessage>> Respond { get; }

    public int RequestCount
    {
        get
        {
            lock (_requests)
            {
                return _requests.Count;
            }
        }
    }

    public JsonElement LastRequest
    {
        get
        {
            lock (_requests)
            {
                return _requests[^1].RootElement;
            }
        }
    }

    /// <summary>A handler that answers every request with <paramref name="result"/> (raw JSON) as its result.</summary>
    public static FakeRpcHandler Returning(string result) =>
        new((request, _, _) => Task.FromResult(Json(Envelope(request, "\"result\":" + result))));

    public static string Envelope(JsonElement request, string body) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + request.GetProperty("id").GetRawText() + "," + body + "}";

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var document = JsonDocument.Parse(body);
        int index;
        lock (_requests)
        {
            index = _requests.Count;
            _requests.Add(document);
        }

        return await Respond(document.RootElement, index, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var document in _requests)
            {
                document.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
