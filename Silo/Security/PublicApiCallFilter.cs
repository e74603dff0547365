using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Obscuro.Grains;

namespace Obscuro.Silo.Security;

/// <summary>
/// Rejects calls from clients (anything connected through the gateway) to grain interfaces not marked
/// <see cref="PublicApiAttribute"/>, Orleans' own interfaces included (a client must not reach the management grain).
/// Calls from grains, and from code running inside a silo of this cluster (the silo's hosted client), pass. The filter
/// also sees calls to Orleans system targets, so the few a client's runtime needs are listed in
/// <see cref="PublicApiFilterOptions.ClientSystemInterfaces"/>.
/// <para>
/// How a client is told apart: the message's sending id (<see cref="IGrainCallContext.SourceId"/>) has the client
/// grain type (<c>sys.client</c>, <see cref="GrainTypePrefix.IsClient(in GrainId)"/>); a silo's hosted client has that
/// type too, keyed <c>hosted-{silo address}</c>, and counts as inside the node. A call without a sending id is treated
/// as a client call (fail closed).
/// This is defence in depth, not authentication: Orleans 10.4.2's gateway (GatewayInboundConnection) does not check a
/// message's sending id against the client id of the connection it came on, so a client running a modified Orleans can
/// claim to be a grain or a hosted client. What protects enclave data is that every enclave method checks signed input
/// or returns only encrypted or signed output (ARCHITECTURE §3).
/// </para>
/// </summary>
internal sealed partial class PublicApiCallFilter(IOptions<PublicApiFilterOptions> options, ILogger<PublicApiCallFilter> logger) : IIncomingGrainCallFilter
{
    private const string HostedClientPrefix = "hosted-";

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (IsFromClient(context.SourceId) && !IsAllowedForClients(context.InterfaceMethod.DeclaringType))
        {
            LogRejected(logger, context.InterfaceName, context.MethodName, context.SourceId);
            throw ClientCallRejectedException.For(context.InterfaceName, context.MethodName);
        }

        return context.Invoke();
    }

    internal static bool IsFromClient(GrainId? source) =>
        source is not { } id
        || (GrainTypePrefix.IsClient(id) && !id.Key.ToString().StartsWith(HostedClientPrefix, StringComparison.Ordinal));

    // The declaring interface, not the one the caller's reference was cast to: the mark covers the methods an interface declares.
    private bool IsAllowedForClients(Type? declaringInterface) =>
        declaringInterface is not null
        && (declaringInterface.IsDefined(typeof(PublicApiAttribute), inherit: false)
            || options.Value.ClientSystemInterfaces.Contains(declaringInterface.FullName ?? string.Empty));

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected a client call to internal {Interface}.{Method} from {Source}")]
    private static partial void LogRejected(ILogger logger, string @interface, string method, GrainId? source);
}
