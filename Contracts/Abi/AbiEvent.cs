using System.Text;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Abi;

/// <summary>
/// A contract event. A log carries the indexed arguments in topics (after topic 0, the signature hash, unless the
/// event is anonymous) and the other arguments ABI-encoded in its data. An indexed argument of a string, bytes, array
/// or struct type is stored as the Keccak-256 hash of its value, so decoding yields that <see cref="Hash256"/>.
/// </summary>
public sealed class AbiEvent
{
    private static readonly UTF8Encoding StrictEncoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly AbiParameter[] _dataParameters;

    public AbiEvent(string name, IReadOnlyList<AbiParameter> inputs, bool anonymous = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(inputs);
        Name = name;
        Inputs = inputs.ToArray();
        Anonymous = anonymous;
        Signature = AbiSignature.Format(name, Inputs);
        Topic0 = Keccak256.Hash(Encoding.UTF8.GetBytes(Signature));
        IndexedCount = Inputs.Count(p => p.Indexed);
        var maxIndexed = anonymous ? 4 : 3;
        if (IndexedCount > maxIndexed)
        {
            throw new AbiException($"Event {Signature} has {IndexedCount} indexed parameters; at most {maxIndexed} fit in a log's topics.");
        }

        _dataParameters = Inputs.Where(p => !p.Indexed).ToArray();
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public bool Anonymous { get; }

    public string Signature { get; }

    /// <summary><c>keccak256(signature)</c>, the first topic of every log of a non-anonymous event.</summary>
    public Hash256 Topic0 { get; }

    public int IndexedCount { get; }

    /// <summary>True when an indexed parameter of <paramref name="type"/> is stored as a hash of its value.</summary>
    public static bool IsHashedInTopic(AbiType type) => type is AbiBytesType or AbiStringType or AbiArrayType or AbiTupleType;

    /// <summary>
    /// The topic of an indexed value of <paramref name="type"/>, for log filters: the encoded word for a value type,
    /// the Keccak-256 of the value's in-place encoding for strings, bytes, arrays and structs.
    /// </summary>
    public static Hash256 EncodeTopic(AbiType type, object value)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            // A top-level string or bytes is hashed as its bare contents; inside arrays and structs it is padded.
            AbiStringType => Keccak256.Hash(StrictUtf8(value)),
            AbiBytesType => Keccak256.Hash(value switch
            {
                byte[] bytes => bytes,
                ReadOnlyMemory<byte> memory => memory.Span,
                _ => throw new AbiException($"A {value?.GetType().Name ?? "null"} is not a value of ABI type bytes."),
            }),
            AbiArrayType or AbiTupleType => Keccak256.Hash(AbiEncoder.EncodeInPlace(type, value)),
            _ => new Hash256(AbiEncoder.Encode(type, value)),
        };
    }

    /// <summary>Decodes a log of this event. Topic count, topic 0 and the data must all match exactly.</summary>
    public DecodedEvent Decode(IReadOnlyList<Hash256> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var expectedTopics = IndexedCount + (Anonymous ? 0 : 1);
        if (topics.Count != expectedTopics)
        {
            throw new AbiException($"A log of {Signature} has {expectedTopics} topics, this one has {topics.Count}.");
        }

        if (!Anonymous && topics[0] != Topic0)
        {
            throw new AbiException($"Topic 0 of the log is {topics[0]}, not the signature hash {Topic0} of {Signature}.");
        }

        var fromData = AbiDecoder.Decode(_dataParameters, data);
        var values = new object[Inputs.Count];
        var topic = Anonymous ? 0 : 1;
        var dataIndex = 0;
        for (var i = 0; i < Inputs.Count; i++)
        {
            var parameter = Inputs[i];
            if (!parameter.Indexed)
            {
                values[i] = fromData[dataIndex++];
            }
            else if (IsHashedInTopic(parameter.Type))
            {
                values[i] = topics[topic++];
            }
            else
            {
                var name = parameter.Name.Length > 0 ? parameter.Name : $"topic {topic}";
                values[i] = AbiDecoder.DecodeTopic(parameter.Type, topics[topic++], name);
            }
        }

        return new DecodedEvent(this, new AbiTuple(Inputs, values));
    }

    /// <summary>The topic an indexed argument with this value has; see <see cref="EncodeTopic(AbiType, object)"/>.</summary>
    public Hash256 EncodeTopic(string parameterName, object value)
    {
        var parameter = Inputs.FirstOrDefault(p => p.Name == parameterName)
            ?? throw new KeyNotFoundException($"Event {Signature} has no parameter named '{parameterName}'.");
        if (!parameter.Indexed)
        {
            throw new ArgumentException($"Parameter '{parameterName}' of {Signature} is not indexed, so it has no topic.", nameof(parameterName));
        }

        return EncodeTopic(parameter.Type, value);
    }

    public override string ToString() => Signature;

    private static byte[] StrictUtf8(object value)
    {
        if (value is not string text)
        {
            throw new AbiException($"A {value?.GetType().Name ?? "null"} is not a value of ABI type string.");
        }

        try
        {
            return StrictEncoding.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new AbiException($"The string is not valid UTF-16, so it has no UTF-8 encoding to hash ({e.Message}).", e);
        }
    }
}
