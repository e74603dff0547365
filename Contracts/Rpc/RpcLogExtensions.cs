using Obscuro.Contracts.Abi;

namespace Obscuro.Contracts.Rpc;

/// <summary>Decoding of logs fetched over RPC.</summary>
public static class RpcLogExtensions
{
    /// <summary>
    /// Decodes the log against <paramref name="abi"/>'s events; null when its topic 0 is not one of them. A log that
    /// matches an event but does not decode is an <see cref="AbiException"/>.
    /// </summary>
    public static DecodedEvent? Decode(this RpcLog log, ContractAbi abi)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(abi);
        return abi.DecodeLog(log.Topics, log.Data.Span);
    }

    /// <summary>Decodes the log as an <paramref name="event"/> (needed for anonymous events, which have no topic 0).</summary>
    public static DecodedEvent Decode(this RpcLog log, AbiEvent @event)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(@event);
        return @event.Decode(log.Topics, log.Data.Span);
    }
}
