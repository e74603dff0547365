using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Obscuro.Protocol.Gossip;

namespace Obscuro.Silo.Gossip;

/// <summary>
/// The aggregator's gossip endpoint: a small Kestrel minimal API beside the silo with two routes, <c>POST
/// /gossip/v1/candidates</c> and <c>POST /gossip/v1/transactions</c> (raw bytes, signed by the sender's operator).
/// Every request goes through <see cref="GossipInbox"/>; answers are 202 or a JSON error
/// <c>{"error": rejection, "message": …}</c> with the status of <see cref="GossipVerdict"/>.
/// </summary>
public sealed partial class GossipServer(GossipInbox inbox, IPEndPoint endpoint, ILogger<GossipServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The bound address once started (port 0 picks a free one).</summary>
    public Uri? BaseUri { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var largest = Math.Max(inbox.Options.MaxCandidateBytes, inbox.Options.MaxTransactionBytes);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(endpoint);

            // Kestrel stops reading a little past the largest message, so an oversized body costs us no more than that.
            kestrel.Limits.MaxRequestBodySize = largest + 1;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
        });
        var app = builder.Build();
        app.MapPost(GossipPaths.Candidates, (Delegate)(Func<HttpContext, Task<IResult>>)(context => HandleAsync(context, GossipKind.Candidate)));
        app.MapPost(GossipPaths.Transactions, (Delegate)(Func<HttpContext, Task<IResult>>)(context => HandleAsync(context, GossipKind.Transaction)));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        LogListening(logger, BaseUri);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private async Task<IResult> HandleAsync(HttpContext context, GossipKind kind)
    {
        var request = context.Request;
        var max = inbox.MaxBytes(kind);
        if (request.ContentLength > max)
        {
            return Answer(GossipVerdict.Reject(GossipRejection.Oversized, $"the body has {request.ContentLength} bytes; at most {max} are accepted for this kind"));
        }

        byte[] body;
        try
        {
            body = await ReadAsync(request, max, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Answer(GossipVerdict.Reject(GossipRejection.Oversized, $"the body exceeds {max} bytes"));
        }

        GossipVerdict verdict;
        try
        {
            verdict = await inbox.ReceiveAsync(
                kind, request.Headers[GossipPaths.SequenceHeader].FirstOrDefault(), request.Headers[GossipPaths.SignatureHeader].FirstOrDefault(), body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // The node behind the endpoint (enclave, round or mempool grain) did not answer: the sender retries later.
            LogFailed(logger, kind, e.GetType().Name, e.Message);
            verdict = GossipVerdict.NotReady with { Message = "the node could not take the message now; retry later" };
        }

        if (verdict.Status != StatusCodes.Status202Accepted)
        {
            LogRejected(logger, kind, verdict.Status, verdict.Rejection, verdict.Message);
        }

        return Answer(verdict);
    }

    /// <summary>Reads at most <paramref name="max"/> + 1 bytes: one more than allowed is enough to know it is oversized.</summary>
    private static async Task<byte[]> ReadAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                break;
            }
        }

        return buffer.ToArray();
    }

    private static IResult Answer(GossipVerdict verdict) =>
        verdict.Status == StatusCodes.Status202Accepted
            ? Results.StatusCode(StatusCodes.Status202Accepted)
            : Results.Json(new Dictionary<string, string> { ["error"] = verdict.Rejection == GossipRejection.None ? "NotReady" : verdict.Rejection.ToString(), ["message"] = verdict.Message }, statusCode: verdict.Status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gossip endpoint listening on {BaseUri}")]
    private static partial void LogListening(ILogger logger, Uri baseUri);

    [LoggerMessage(Level = LogLevel.Information, Message = "Gossip {Kind} refused with {Status} ({Rejection}): {Message}")]
    private static partial void LogRejected(ILogger logger, GossipKind kind, int status, GossipRejection rejection, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gossip {Kind} could not be handed to the node ({Error}): {Message}")]
    private static partial void LogFailed(ILogger logger, GossipKind kind, string error, string message);
}
