using System.Text.Json;

namespace Obscuro.Contracts.Rpc;

/// <summary>The node answered a JSON-RPC request with an error object (<c>code</c>, <c>message</c>, optional <c>data</c>).</summary>
public class RpcException : Exception
{
    public RpcException()
        : this("eth_unknown", 0, "JSON-RPC error", null)
    {
    }

    public RpcException(string message)
        : this("eth_unknown", 0, message, null)
    {
    }

    public RpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = string.Empty;
        RpcMessage = message;
    }

    public RpcException(string method, int code, string rpcMessage, JsonElement? data)
        : base($"{method} failed with JSON-RPC error {code}: {rpcMessage}{(data is { } d ? $" (data: {Shorten(d.GetRawText())})" : string.Empty)}")
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
        ErrorData = data;
    }

    /// <summary>The JSON-RPC method that failed.</summary>
    public string Method { get; }

    public int Code { get; }

    /// <summary>The error's <c>message</c>, as the node wrote it.</summary>
    public string RpcMessage { get; }

    /// <summary>The error's <c>data</c>, if any.</summary>
    public JsonElement? ErrorData { get; }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..197] + "...";
}
