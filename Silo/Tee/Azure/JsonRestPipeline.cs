using System.Text.Json;
using global::Azure.Core;
using global::Azure.Core.Pipeline;

namespace Obscuro.Silo.Tee.Azure;

/// <summary>
/// The JSON-over-HTTP exchange shared by the thin Azure clients: one request through an Azure.Core pipeline (so
/// retries, authentication and logging come from the client's <see cref="ClientOptions"/>), a JSON reply, and
/// failures as <see cref="AzureServiceException"/> with the service's error code and message.
/// </summary>
internal sealed class JsonRestPipeline(HttpPipeline pipeline, string serviceName)
{
    private const int MaximumResponseBytes = 4 * 1024 * 1024;

    public HttpPipeline Pipeline => pipeline;

    public async Task<JsonDocument> SendAsync(
        RequestMethod method,
        Uri uri,
        byte[]? jsonBody,
        string operation,
        IReadOnlyDictionary<string, string>? headers,
        CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(uri);
        request.Headers.Add("Accept", "application/json");
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.Add(name, value);
            }
        }

        if (jsonBody is not null)
        {
            request.Headers.Add("Content-Type", "application/json");
            request.Content = RequestContent.Create(jsonBody);
        }

        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        var content = response.Content.ToMemory();
        if (response.Status is < 200 or > 299)
        {
            var (code, text) = ParseError(content, response);
            throw new AzureServiceException(serviceName, operation, response.Status, code, text);
        }

        if (content.Length > MaximumResponseBytes)
        {
            throw new AzureServiceException(serviceName, operation, 0, null, $"the reply is larger than {MaximumResponseBytes} bytes");
        }

        try
        {
            return JsonDocument.Parse(content, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException exception)
        {
            throw new AzureServiceException($"{serviceName} {operation}: the reply is not JSON.", exception);
        }
    }

    /// <summary>The standard <c>{"error":{"code","message"}}</c> body, else the <c>x-ms-error-code</c> header.</summary>
    private static (string? Code, string? Message) ParseError(ReadOnlyMemory<byte> content, global::Azure.Response response)
    {
        string? code = null;
        string? text = null;
        if (!content.IsEmpty && content.Length <= MaximumResponseBytes)
        {
            try
            {
                using var document = JsonDocument.Parse(content);
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("error", out var error) &&
                    error.ValueKind == JsonValueKind.Object)
                {
                    code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                }
            }
            catch (JsonException)
            {
                // Not JSON: keep the status and the header, which are all a proxy or load balancer gives.
            }
        }

        if (code is null && response.Headers.TryGetValue("x-ms-error-code", out var header))
        {
            code = header;
        }

        return (code, text ?? response.ReasonPhrase);
    }
}
