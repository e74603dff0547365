using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Abi;

/// <summary>
/// A contract's ABI as solc emits it (a JSON array of function, event, error, constructor, receive and fallback
/// entries), with lookups by name, by canonical signature, by selector and by event topic.
/// </summary>
public sealed class ContractAbi
{
    private readonly Dictionary<string, AbiFunction> _functionsBySignature = new(StringComparer.Ordinal);
    private readonly Dictionary<FunctionSelector, AbiFunction> _functionsBySelector = [];
    private readonly Dictionary<string, AbiEvent> _eventsBySignature = new(StringComparer.Ordinal);
    private readonly Dictionary<Hash256, AbiEvent> _eventsByTopic = [];
    private readonly Dictionary<string, AbiError> _errorsBySignature = new(StringComparer.Ordinal);
    private readonly Dictionary<FunctionSelector, AbiError> _errorsBySelector = [];

    public ContractAbi(
        IReadOnlyList<AbiFunction> functions,
        IReadOnlyList<AbiEvent> events,
        IReadOnlyList<AbiError> errors,
        AbiConstructor? constructor = null,
        bool hasReceive = false,
        bool hasFallback = false)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(errors);
        Functions = functions.ToArray();
        Events = events.ToArray();
        Errors = errors.ToArray();
        Constructor = constructor;
        HasReceive = hasReceive;
        HasFallback = hasFallback;

        foreach (var function in Functions)
        {
            if (!_functionsBySignature.TryAdd(function.Signature, function))
            {
                throw new AbiException($"The ABI declares function {function.Signature} twice.");
            }

            if (!_functionsBySelector.TryAdd(function.Selector, function))
            {
                throw new AbiException($"Functions {_functionsBySelector[function.Selector].Signature} and {function.Signature} share the selector {function.Selector}.");
            }
        }

        foreach (var @event in Events)
        {
            if (!_eventsBySignature.TryAdd(@event.Signature, @event))
            {
                throw new AbiException($"The ABI declares event {@event.Signature} twice.");
            }

            if (!@event.Anonymous)
            {
                _eventsByTopic[@event.Topic0] = @event;
            }
        }

        foreach (var error in Errors)
        {
            // An error inherited along several paths appears once per path in solc's output; keep one.
            if (_errorsBySignature.TryAdd(error.Signature, error))
            {
                _errorsBySelector.TryAdd(error.Selector, error);
            }
        }
    }

    public IReadOnlyList<AbiFunction> Functions { get; }

    public IReadOnlyList<AbiEvent> Events { get; }

    public IReadOnlyList<AbiError> Errors { get; }

    public AbiConstructor? Constructor { get; }

    public bool HasReceive { get; }

    public bool HasFallback { get; }

    /// <summary>Parses solc's ABI JSON (the <c>abi</c> output: an array of entries).</summary>
    public static ContractAbi Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return FromJson(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new AbiException($"ABI JSON is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads solc's ABI JSON array.</summary>
    public static ContractAbi FromJson(JsonElement abi) => AbiJsonReader.Read(abi);

    /// <summary>
    /// The function named <paramref name="nameOrSignature"/>: a bare name when it is not overloaded, otherwise a
    /// signature such as <c>f(uint256)</c> (aliases like <c>uint</c> are canonicalised).
    /// </summary>
    public AbiFunction GetFunction(string nameOrSignature) =>
        Find(_functionsBySignature, Functions, f => f.Name, nameOrSignature, "function").Get();

    public bool TryGetFunction(string nameOrSignature, [MaybeNullWhen(false)] out AbiFunction function) =>
        Find(_functionsBySignature, Functions, f => f.Name, nameOrSignature, "function").TryGet(out function);

    public AbiFunction? FindFunction(FunctionSelector selector) => _functionsBySelector.GetValueOrDefault(selector);

    public AbiEvent GetEvent(string nameOrSignature) =>
        Find(_eventsBySignature, Events, e => e.Name, nameOrSignature, "event").Get();

    public bool TryGetEvent(string nameOrSignature, [MaybeNullWhen(false)] out AbiEvent @event) =>
        Find(_eventsBySignature, Events, e => e.Name, nameOrSignature, "event").TryGet(out @event);

    /// <summary>The non-anonymous event whose signature hash is <paramref name="topic0"/>.</summary>
    public AbiEvent? FindEvent(Hash256 topic0) => _eventsByTopic.GetValueOrDefault(topic0);

    public AbiError GetError(string nameOrSignature) =>
        Find(_errorsBySignature, Errors, e => e.Name, nameOrSignature, "error").Get();

    public bool TryGetError(string nameOrSignature, [MaybeNullWhen(false)] out AbiError error) =>
        Find(_errorsBySignature, Errors, e => e.Name, nameOrSignature, "error").TryGet(out error);

    /// <summary>The custom error with this selector (not <c>Error(string)</c> or <c>Panic(uint256)</c>, which every contract has).</summary>
    public AbiError? FindError(FunctionSelector selector) => _errorsBySelector.GetValueOrDefault(selector);

    /// <summary>
    /// Decodes a log when its topic 0 is one of this contract's (non-anonymous) events; returns null for a log of an
    /// unknown event. A log that matches an event but does not decode is an <see cref="AbiException"/>.
    /// </summary>
    public DecodedEvent? DecodeLog(IReadOnlyList<Hash256> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return topics.Count > 0 && FindEvent(topics[0]) is { } @event ? @event.Decode(topics, data) : null;
    }

    /// <summary>Decodes revert data against this contract's custom errors and the two built-in errors.</summary>
    public RevertReason DecodeRevert(ReadOnlySpan<byte> revertData) => RevertReason.Decode(revertData, this);

    private static Lookup<T> Find<T>(Dictionary<string, T> bySignature, IReadOnlyList<T> all, Func<T, string> name, string nameOrSignature, string kind)
        where T : class
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrSignature);
        if (nameOrSignature.Contains('(', StringComparison.Ordinal))
        {
            var canonical = AbiSignature.Canonicalize(nameOrSignature);
            return bySignature.TryGetValue(canonical, out var match)
                ? new Lookup<T>(match, null)
                : new Lookup<T>(null, new KeyNotFoundException($"The ABI has no {kind} {canonical}."));
        }

        var matches = all.Where(item => name(item) == nameOrSignature).ToArray();
        return matches.Length switch
        {
            1 => new Lookup<T>(matches[0], null),
            0 => new Lookup<T>(null, new KeyNotFoundException($"The ABI has no {kind} named '{nameOrSignature}'.")),
            _ => new Lookup<T>(null, new InvalidOperationException(
                $"The {kind} '{nameOrSignature}' is overloaded; name it by signature: {string.Join(", ", bySignature.Where(p => matches.Contains(p.Value)).Select(p => p.Key))}.")),
        };
    }

    /// <summary>A lookup's result: the item, or why there is none (thrown by Get, swallowed by TryGet).</summary>
    private readonly record struct Lookup<T>(T? Item, Exception? Failure)
        where T : class
    {
        public T Get() => Item ?? throw Failure!;

        public bool TryGet([MaybeNullWhen(false)] out T item)
        {
            item = Item;
            return item is not null;
        }
    }
}
