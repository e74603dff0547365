using System.Globalization;
using System.Numerics;
using System.Text;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Abi;

/// <summary>
/// Strict Solidity ABI decoding. Decoded C# values: <c>uintN</c> → <see cref="UInt256"/>; <c>intN</c> →
/// <see cref="BigInteger"/>; <c>address</c> → <see cref="Address"/>; <c>bool</c> → <see cref="bool"/>;
/// <c>bytesN</c> and <c>bytes</c> → <c>byte[]</c>; <c>string</c> → <see cref="string"/>; arrays →
/// <see cref="IReadOnlyList{T}"/> of objects; tuples → <see cref="AbiTuple"/>.
/// </summary>
/// <remarks>
/// Data from L1 is untrusted, so anything a canonical encoder would not produce is an <see cref="AbiException"/>
/// naming the byte offset and parameter: offsets or lengths outside the data, missing bytes, non-zero padding
/// (including high bits of small integers, bad sign extension, dirty address bytes), a bool other than 0 or 1,
/// invalid UTF-8, trailing bytes, and offsets that alias one region many times (which would let a few bytes decode
/// into a huge value).
/// </remarks>
public static class AbiDecoder
{
    /// <summary>Decodes <c>abi.encode(v1, …, vn)</c> of the given types.</summary>
    public static IReadOnlyList<object> Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        return Decode(types.Select(t => new AbiParameter(string.Empty, t)).ToArray(), data);
    }

    /// <summary>Decodes the values of a parameter list, named by the parameters.</summary>
    public static AbiTuple Decode(IReadOnlyList<AbiParameter> parameters, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var reader = new Reader(data);
        var tuple = AbiTupleType.ForParameters(parameters);
        var values = reader.ReadComponents(tuple.Components, 0);
        reader.EnsureConsumed();
        return new AbiTuple(parameters, values);
    }

    /// <summary>Decodes <c>abi.encode(value)</c> of a single value.</summary>
    public static object Decode(AbiType type, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Decode([type], data)[0];
    }

    /// <summary>Decodes one static value from a 32-byte event topic, with the same padding checks as data.</summary>
    internal static object DecodeTopic(AbiType type, Hash256 topic, string name)
    {
        Span<byte> word = stackalloc byte[Hash256.Size];
        topic.CopyTo(word);
        var reader = new Reader(word);
        reader.Push(name);
        var value = reader.ReadStatic(type, 0);
        reader.EnsureConsumed();
        return value;
    }

    private ref struct Reader
    {
        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        private readonly ReadOnlySpan<byte> _data;
        private readonly List<string> _path;
        private int _end;
        private long _outOfLineBudget;

        public Reader(ReadOnlySpan<byte> data)
        {
            _data = data;
            _path = [];
            _end = 0;

            // Out-of-line regions of a canonical encoding never overlap, so together they fit in the data.
            _outOfLineBudget = data.Length;
        }

        public readonly void Push(string segment) => _path.Add(segment);

        public readonly void EnsureConsumed()
        {
            if (_data.Length > _end)
            {
                throw new AbiException($"ABI data has {_data.Length - _end} trailing bytes after the encoding ends at byte {_end}.");
            }
        }

        /// <summary>Reads the components of a tuple whose head starts at <paramref name="start"/>.</summary>
        public object[] ReadComponents(IReadOnlyList<AbiParameter> components, int start)
        {
            var values = new object[components.Count];
            var head = start;
            for (var i = 0; i < components.Count; i++)
            {
                var component = components[i];
                _path.Add(component.Name.Length > 0 ? component.Name : "#" + i.ToString(CultureInfo.InvariantCulture));
                values[i] = ReadAt(component.Type, start, head);
                _path.RemoveAt(_path.Count - 1);
                head += component.Type.HeadSize;
            }

            return values;
        }

        public object ReadStatic(AbiType type, int position)
        {
            switch (type)
            {
                case AbiUIntType uintType:
                {
                    var word = ReadWord(position);
                    RequireZero(word[..(AbiWord.Size - (uintType.Bits / 8))], position, $"non-zero high-order bits: the value does not fit in {uintType.CanonicalName}");
                    return UInt256.FromBigEndian(word);
                }

                case AbiIntType intType:
                {
                    var word = ReadWord(position);
                    var padding = AbiWord.Size - (intType.Bits / 8);
                    var fill = (word[padding] & 0x80) != 0 ? (byte)0xff : (byte)0;
                    if (word[..padding].ContainsAnyExcept(fill))
                    {
                        throw Error(position, $"the value is not sign-extended to 256 bits, so it does not fit in {intType.CanonicalName}");
                    }

                    return new BigInteger(word, isUnsigned: false, isBigEndian: true);
                }

                case AbiAddressType:
                {
                    var word = ReadWord(position);
                    RequireZero(word[..12], position, "address with dirty high bytes (the first 12 bytes must be zero)");
                    return new Address(word[12..]);
                }

                case AbiBoolType:
                {
                    var word = ReadWord(position);
                    if (word[..31].ContainsAnyExcept((byte)0) || word[31] > 1)
                    {
                        throw Error(position, "bad bool: the word is neither 0 nor 1");
                    }

                    return word[31] == 1;
                }

                case AbiFixedBytesType fixedBytes:
                {
                    var word = ReadWord(position);
                    RequireZero(word[fixedBytes.Size..], position, $"non-zero padding after the {fixedBytes.Size} bytes of {fixedBytes.CanonicalName}");
                    return word[..fixedBytes.Size].ToArray();
                }

                case AbiArrayType array:
                    return ReadElements(array.Element, array.Length!.Value, position);

                case AbiTupleType tuple:
                    return new AbiTuple(tuple.Components, ReadComponents(tuple.Components, position));

                default:
                    throw Error(position, $"{type.CanonicalName} is not a static type");
            }
        }

        private object[] ReadElements(AbiType element, int count, int start)
        {
            var values = new object[count];
            var head = start;
            for (var i = 0; i < count; i++)
            {
                _path.Add("[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                values[i] = ReadAt(element, start, head);
                _path.RemoveAt(_path.Count - 1);
                head += element.HeadSize;
            }

            return values;
        }

        /// <summary>Reads the value whose head slot is at <paramref name="head"/>; offsets count from <paramref name="start"/>.</summary>
        private object ReadAt(AbiType type, int start, int head)
        {
            if (!type.IsDynamic)
            {
                return ReadStatic(type, head);
            }

            var offset = ReadWord(head);

            // Every dynamic value starts with at least one word (a length, or a head), so that word must fit.
            if (!IsSmall(offset, out var relative) || start + relative > _data.Length - AbiWord.Size)
            {
                throw Error(head, $"offset {Describe(offset)} points outside the data ({_data.Length} bytes, the region starts at byte {start})");
            }

            return ReadDynamic(type, start + (int)relative);
        }

        private object ReadDynamic(AbiType type, int position)
        {
            switch (type)
            {
                case AbiBytesType:
                    return ReadBytes(position).ToArray();

                case AbiStringType:
                {
                    var bytes = ReadBytes(position);
                    try
                    {
                        return StrictUtf8.GetString(bytes);
                    }
                    catch (DecoderFallbackException)
                    {
                        throw Error(position, "the string is not valid UTF-8");
                    }
                }

                case AbiArrayType { Length: null } array:
                {
                    var length = ReadWord(position);
                    var available = (_data.Length - position - AbiWord.Size) / array.Element.HeadSize;
                    if (!IsSmall(length, out var count) || count > available)
                    {
                        throw Error(position, $"array length {Describe(length)} overflows the data: at most {available} elements of {array.Element.CanonicalName} fit in the remaining bytes");
                    }

                    Spend(position, AbiWord.Size + (count * array.Element.HeadSize));
                    return ReadElements(array.Element, (int)count, position + AbiWord.Size);
                }

                case AbiArrayType array:
                    Spend(position, (long)array.Length!.Value * array.Element.HeadSize);
                    return ReadElements(array.Element, array.Length.Value, position);

                case AbiTupleType tuple:
                    Spend(position, tuple.TotalHeadSize);
                    return new AbiTuple(tuple.Components, ReadComponents(tuple.Components, position));

                default:
                    throw Error(position, $"{type.CanonicalName} is not a dynamic type");
            }
        }

        /// <summary>Reads a length-prefixed byte string at <paramref name="position"/>, checking its zero padding.</summary>
        private ReadOnlySpan<byte> ReadBytes(int position)
        {
            var lengthWord = ReadWord(position);
            var contentStart = position + AbiWord.Size;
            var remaining = _data.Length - contentStart;
            if (!IsSmall(lengthWord, out var length) || length > remaining)
            {
                throw Error(position, $"length {Describe(lengthWord)} overflows the data: only {remaining} bytes follow");
            }

            var padded = AbiWord.PaddedLength(length);
            if (padded > remaining)
            {
                throw Error(position, $"data too short: {length} bytes need {padded} bytes with padding, only {remaining} follow");
            }

            Spend(position, AbiWord.Size + padded);
            var content = _data.Slice(contentStart, (int)padded);
            _end = Math.Max(_end, contentStart + (int)padded);
            RequireZero(content[(int)length..], contentStart, "non-zero padding after the byte string");
            return content[..(int)length];
        }

        private ReadOnlySpan<byte> ReadWord(int position)
        {
            if (position > _data.Length - AbiWord.Size)
            {
                throw Error(position, $"data too short: a 32-byte word is needed here but the data has {_data.Length} bytes");
            }

            _end = Math.Max(_end, position + AbiWord.Size);
            return _data.Slice(position, AbiWord.Size);
        }

        private void Spend(int position, long bytes)
        {
            _outOfLineBudget -= bytes;
            if (_outOfLineBudget < 0)
            {
                throw Error(position, $"offsets point into the same region more than once: the decoded regions add up to more than the {_data.Length} bytes of data");
            }
        }

        private readonly void RequireZero(ReadOnlySpan<byte> bytes, int position, string problem)
        {
            if (bytes.ContainsAnyExcept((byte)0))
            {
                throw Error(position, problem);
            }
        }

        /// <summary>True when a word holds a value below 2^31, so it can index the data.</summary>
        private static bool IsSmall(ReadOnlySpan<byte> word, out long value)
        {
            if (word[..28].ContainsAnyExcept((byte)0) || word[28] >= 0x80)
            {
                value = 0;
                return false;
            }

            value = (word[28] << 24) | (word[29] << 16) | (word[30] << 8) | word[31];
            return true;
        }

        private static string Describe(ReadOnlySpan<byte> word) => UInt256.FromBigEndian(word).ToString();

        private readonly AbiException Error(int position, string problem)
        {
            var path = _path.Count == 0
                ? string.Empty
                : " (" + string.Concat(_path.Select((s, i) => i == 0 || s.StartsWith('[') ? s : "." + s)) + ")";
            return new AbiException($"Invalid ABI data at byte {position}{path}: {problem}.");
        }
    }
}
