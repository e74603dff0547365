using System.Diagnostics.CodeAnalysis;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// Turns the logs of one contract into typed event records. A log counts only if it was emitted by this contract's
/// address: another contract can emit a log with the same signature, and it must never pass for ours.
/// </summary>
internal sealed class EventDecoder
{
    private readonly Dictionary<Hash256, Func<AbiTuple, LogOrigin, IContractEvent>> _factories = [];
    private readonly ContractAbi _abi;

    public EventDecoder(ContractAbi abi)
    {
        _abi = abi;
    }

    /// <summary>Registers the record factory of the event named <paramref name="name"/>.</summary>
    public EventDecoder Add(string name, Func<AbiTuple, LogOrigin, IContractEvent> factory)
    {
        _factories.Add(_abi.GetEvent(name).Topic0, factory);
        return this;
    }

    /// <summary>Every event of the ABI has a factory: checked once, so a contract change cannot leave an event untyped.</summary>
    public EventDecoder Complete()
    {
        var missing = _abi.Events.Where(e => !_factories.ContainsKey(e.Topic0)).Select(e => e.Signature).ToArray();
        return missing.Length == 0
            ? this
            : throw new InvalidOperationException($"No typed record for event(s) {string.Join(", ", missing)}.");
    }

    /// <summary>The typed event of a log of <paramref name="contract"/>; null for another contract's log or an unknown event.</summary>
    public IContractEvent? Decode(in Address contract, RpcLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Address != contract || log.Topics.Count == 0 || !_factories.TryGetValue(log.Topics[0], out var factory))
        {
            return null;
        }

        var decoded = _abi.FindEvent(log.Topics[0])!.Decode(log.Topics, log.Data.Span);
        return factory(decoded.Arguments, LogOrigin.Of(log));
    }

    public bool TryDecode<TEvent>(in Address contract, RpcLog log, [NotNullWhen(true)] out TEvent? @event)
        where TEvent : class, IContractEvent
    {
        @event = Decode(contract, log) as TEvent;
        return @event is not null;
    }

    public TEvent DecodeRequired<TEvent>(in Address contract, RpcLog log)
        where TEvent : class, IContractEvent
    {
        ArgumentNullException.ThrowIfNull(log);
        return TryDecode<TEvent>(contract, log, out var @event)
            ? @event
            : throw new ArgumentException(
                $"The log (contract {log.Address}, topic 0 {(log.Topics.Count > 0 ? log.Topics[0].ToString() : "none")}) is not a {typeof(TEvent).Name} of {contract}.",
                nameof(log));
    }

    public IReadOnlyList<IContractEvent> DecodeAll(in Address contract, IEnumerable<RpcLog> logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var events = new List<IContractEvent>();
        foreach (var log in logs)
        {
            if (Decode(contract, log) is { } @event)
            {
                events.Add(@event);
            }
        }

        return events;
    }
}
