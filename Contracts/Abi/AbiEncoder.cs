using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Abi;

/// <summary>
/// Solidity ABI encoding (<c>abi.encode</c>): heads of static values inline, dynamic values behind offsets.
/// Accepted C# values: <c>uintN</c> ← <see cref="UInt256"/>, <see cref="BigInteger"/> or any built-in integer;
/// <c>intN</c> ← <see cref="BigInteger"/> or any built-in integer; <c>address</c> ← <see cref="Address"/>;
/// <c>bool</c> ← <see cref="bool"/>; <c>bytesN</c> ← N bytes as <c>byte[]</c> or <see cref="ReadOnlyMemory{T}"/>
/// (also <see cref="Hash256"/> for bytes32); <c>bytes</c> ← <c>byte[]</c> or <see cref="ReadOnlyMemory{T}"/>;
/// <c>string</c> ← <see cref="string"/>; arrays ← any non-string enumerable; tuples ← <see cref="AbiTuple"/> or a list.
/// A value out of its type's range is an <see cref="AbiException"/>, never truncated.
/// </summary>
public static class AbiEncoder
{
    /// <summary>Encodes <paramref name="values"/> as the tuple of <paramref name="types"/>: <c>abi.encode(v1, …, vn)</c>.</summary>
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        return Encode(AbiTupleType.ForParameters(types.Select(t => new AbiParameter(string.Empty, t)).ToArray()), values, prefix: default);
    }

    /// <summary>Encodes <paramref name="values"/> for the parameter list <paramref name="parameters"/>.</summary>
    public static byte[] Encode(IReadOnlyList<AbiParameter> parameters, IReadOnlyList<object?> values) =>
        Encode(AbiTupleType.ForParameters(parameters), values, prefix: default);

    /// <summary>Encodes one value: <c>abi.encode(value)</c>.</summary>
    public static byte[] Encode(AbiType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Encode([type], [value]);
    }

    /// <summary>The four-byte <paramref name="selector"/> followed by the encoded arguments: calldata or revert data.</summary>
    public static byte[] EncodeWithSelector(FunctionSelector selector, IReadOnlyList<AbiParameter> parameters, IReadOnlyList<object?> values)
    {
        Span<byte> prefix = stackalloc byte[FunctionSelector.Size];
        selector.CopyTo(prefix);
        return Encode(AbiTupleType.ForParameters(parameters), values, prefix);
    }

    internal static byte[] Encode(AbiTupleType tuple, IReadOnlyList<object?> values, ReadOnlySpan<byte> prefix)
    {
        ArgumentNullException.ThrowIfNull(values);
        var writer = new Writer(prefix.Length);
        prefix.CopyTo(writer.Buffer);
        writer.WriteParameters(tuple, values);
        return writer.ToArray();
    }

    /// <summary>
    /// The encoding of an indexed event argument's value as a topic's preimage (Solidity's "in-place" encoding:
    /// elements without offsets or lengths, byte strings padded). Used only to hash dynamic values into topics.
    /// </summary>
    internal static byte[] EncodeInPlace(AbiType type, object? value)
    {
        var writer = new Writer(0);
        writer.WriteInPlace(type, value);
        return writer.ToArray();
    }

    private sealed class Writer
    {
        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        private readonly List<string> _path = [];
        private byte[] _buffer;
        private int _length;

        public Writer(int prefixLength)
        {
            _buffer = new byte[Math.Max(256, prefixLength)];
            _length = prefixLength;
        }

        public Span<byte> Buffer => _buffer.AsSpan(0, _length);

        public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

        public void WriteParameters(AbiTupleType tuple, IReadOnlyList<object?> values)
        {
            if (values.Count != tuple.Components.Count)
            {
                throw new AbiException($"Expected {tuple.Components.Count} values for {tuple.CanonicalName}, got {values.Count}.");
            }

            var start = Reserve(tuple.TotalHeadSize);
            WriteComponents(tuple.Components, values, start);
        }

        /// <summary>Solidity's encoding of indexed event arguments before hashing: no offsets and no lengths.</summary>
        public void WriteInPlace(AbiType type, object? value)
        {
            switch (type)
            {
                case AbiBytesType:
                {
                    var bytes = ToBytes(type, value).Span;
                    var position = Reserve((int)AbiWord.PaddedLength(bytes.Length));
                    bytes.CopyTo(_buffer.AsSpan(position));
                    break;
                }

                case AbiStringType:
                {
                    var bytes = ToUtf8(value);
                    var position = Reserve((int)AbiWord.PaddedLength(bytes.Length));
                    bytes.CopyTo(_buffer.AsSpan(position));
                    break;
                }

                case AbiArrayType array:
                {
                    var values = ToList(array, value);
                    for (var i = 0; i < values.Count; i++)
                    {
                        _path.Add("[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                        WriteInPlace(array.Element, values[i]);
                        _path.RemoveAt(_path.Count - 1);
                    }

                    break;
                }

                case AbiTupleType tuple:
                {
                    var values = ToTupleValues(tuple, value);
                    for (var i = 0; i < values.Count; i++)
                    {
                        _path.Add(Segment(tuple.Components[i], i));
                        WriteInPlace(tuple.Components[i].Type, values[i]);
                        _path.RemoveAt(_path.Count - 1);
                    }

                    break;
                }

                default:
                    WriteStatic(type, value, Reserve(AbiWord.Size));
                    break;
            }
        }

        /// <summary>Writes a tuple's head at <paramref name="start"/> (already reserved) and appends its tail.</summary>
        private void WriteComponents(IReadOnlyList<AbiParameter> components, IReadOnlyList<object?> values, int start)
        {
            var head = start;
            for (var i = 0; i < components.Count; i++)
            {
                var component = components[i];
                _path.Add(Segment(component, i));
                WriteAt(component.Type, values[i], start, head);
                _path.RemoveAt(_path.Count - 1);
                head += component.Type.HeadSize;
            }
        }

        private void WriteElements(AbiType element, IReadOnlyList<object?> values, int start)
        {
            var head = start;
            for (var i = 0; i < values.Count; i++)
            {
                _path.Add("[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                WriteAt(element, values[i], start, head);
                _path.RemoveAt(_path.Count - 1);
                head += element.HeadSize;
            }
        }

        /// <summary>Writes a value in the head slot at <paramref name="head"/>: inline if static, else an offset from <paramref name="start"/>.</summary>
        private void WriteAt(AbiType type, object? value, int start, int head)
        {
            if (type.IsDynamic)
            {
                var tail = AppendDynamic(type, value);
                WriteUInt(head, new UInt256((ulong)(tail - start)));
            }
            else
            {
                WriteStatic(type, value, head);
            }
        }

        private void WriteStatic(AbiType type, object? value, int position)
        {
            switch (type)
            {
                case AbiUIntType uintType:
                    WriteUInt(position, ToUInt(uintType, value));
                    break;
                case AbiIntType intType:
                    WriteInt(position, ToInt(intType, value));
                    break;
                case AbiAddressType:
                    (value is Address address ? address : throw Mismatch(type, value)).CopyTo(_buffer.AsSpan(position + 12, Address.Size));
                    break;
                case AbiBoolType:
                    _buffer[position + 31] = value is bool flag ? (flag ? (byte)1 : (byte)0) : throw Mismatch(type, value);
                    break;
                case AbiFixedBytesType fixedBytes:
                    WriteFixedBytes(fixedBytes, value, position);
                    break;
                case AbiArrayType array:
                    WriteElements(array.Element, ToList(array, value), position);
                    break;
                case AbiTupleType tuple:
                    WriteComponents(tuple.Components, ToTupleValues(tuple, value), position);
                    break;
                default:
                    throw Error($"{type.CanonicalName} is not a static type");
            }
        }

        /// <summary>Appends a dynamic value's encoding and returns where it starts.</summary>
        private int AppendDynamic(AbiType type, object? value)
        {
            switch (type)
            {
                case AbiBytesType:
                    return AppendBytes(ToBytes(type, value).Span);
                case AbiStringType:
                    return AppendBytes(ToUtf8(value));
                case AbiArrayType { Length: null } array:
                {
                    var values = ToList(array, value);
                    var start = Reserve(AbiWord.Size);
                    WriteUInt(start, new UInt256((ulong)values.Count));
                    var elements = Reserve(checked(values.Count * array.Element.HeadSize));
                    WriteElements(array.Element, values, elements);
                    return start;
                }

                case AbiArrayType array:
                {
                    var values = ToList(array, value);
                    var start = Reserve(array.Length!.Value * array.Element.HeadSize);
                    WriteElements(array.Element, values, start);
                    return start;
                }

                case AbiTupleType tuple:
                {
                    var values = ToTupleValues(tuple, value);
                    var start = Reserve(tuple.TotalHeadSize);
                    WriteComponents(tuple.Components, values, start);
                    return start;
                }

                default:
                    throw Error($"{type.CanonicalName} is not a dynamic type");
            }
        }

        private int AppendBytes(ReadOnlySpan<byte> bytes)
        {
            var start = Reserve(checked(AbiWord.Size + (int)AbiWord.PaddedLength(bytes.Length)));
            WriteUInt(start, new UInt256((ulong)bytes.Length));
            bytes.CopyTo(_buffer.AsSpan(start + AbiWord.Size));
            return start;
        }

        private void WriteFixedBytes(AbiFixedBytesType type, object? value, int position)
        {
            if (value is Hash256 hash && type.Size == Hash256.Size)
            {
                hash.CopyTo(_buffer.AsSpan(position, Hash256.Size));
                return;
            }

            var bytes = ToBytes(type, value).Span;
            if (bytes.Length != type.Size)
            {
                throw Error($"{type.CanonicalName} needs exactly {type.Size} bytes, got {bytes.Length}");
            }

            bytes.CopyTo(_buffer.AsSpan(position));
        }

        private void WriteUInt(int position, UInt256 value) => value.WriteBigEndian(_buffer.AsSpan(position, AbiWord.Size));

        private void WriteInt(int position, BigInteger value)
        {
            var word = _buffer.AsSpan(position, AbiWord.Size);
            word.Fill(value.Sign < 0 ? (byte)0xff : (byte)0);
            var count = value.GetByteCount();
            value.TryWriteBytes(word[(AbiWord.Size - count)..], out _, isUnsigned: false, isBigEndian: true);
        }

        /// <summary>Grows the buffer by <paramref name="size"/> zero bytes and returns where they start.</summary>
        private int Reserve(int size)
        {
            var start = _length;
            var needed = checked(_length + size);
            if (needed > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(needed, checked(_buffer.Length * 2)));
            }

            _length = needed;
            return start;
        }

        private UInt256 ToUInt(AbiUIntType type, object? value)
        {
            UInt256 result;
            switch (value)
            {
                case UInt256 u: result = u; break;
                case byte b: result = b; break;
                case ushort s: result = s; break;
                case uint i: result = i; break;
                case ulong l: result = l; break;
                case sbyte or short or int or long:
                {
                    var signed = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    result = signed >= 0 ? new UInt256((ulong)signed) : throw Error($"{type.CanonicalName} cannot hold the negative value {signed}");
                    break;
                }

                case BigInteger big:
                    result = big.Sign >= 0 && big.GetBitLength() <= 256
                        ? UInt256.FromBigInteger(big)
                        : throw Error($"{type.CanonicalName} cannot hold {big}");
                    break;
                default:
                    throw Mismatch(type, value);
            }

            return result.BitLength <= type.Bits ? result : throw Error($"{result} does not fit in {type.CanonicalName}");
        }

        private BigInteger ToInt(AbiIntType type, object? value)
        {
            BigInteger result = value switch
            {
                BigInteger big => big,
                UInt256 u => u.ToBigInteger(),
                sbyte or short or int or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                byte or ushort or uint or ulong => Convert.ToUInt64(value, CultureInfo.InvariantCulture),
                _ => throw Mismatch(type, value),
            };

            var limit = BigInteger.One << (type.Bits - 1);
            return result >= -limit && result < limit ? result : throw Error($"{result} does not fit in {type.CanonicalName}");
        }

        private ReadOnlyMemory<byte> ToBytes(AbiType type, object? value) => value switch
        {
            byte[] bytes => bytes,
            ReadOnlyMemory<byte> memory => memory,
            Memory<byte> memory => memory,
            _ => throw Mismatch(type, value),
        };

        private byte[] ToUtf8(object? value)
        {
            if (value is not string text)
            {
                throw Mismatch(AbiStringType.Instance, value);
            }

            try
            {
                return StrictUtf8.GetBytes(text);
            }
            catch (EncoderFallbackException e)
            {
                throw new AbiException($"Cannot encode {Path()}: the string is not valid UTF-16 ({e.Message}).", e);
            }
        }

        private IReadOnlyList<object?> ToList(AbiArrayType type, object? value)
        {
            IReadOnlyList<object?> list = value switch
            {
                IReadOnlyList<object?> items => items,
                string or null => throw Mismatch(type, value),
                IEnumerable items => items.Cast<object?>().ToArray(),
                _ => throw Mismatch(type, value),
            };

            if (type.Length is { } length && list.Count != length)
            {
                throw Error($"{type.CanonicalName} needs exactly {length} elements, got {list.Count}");
            }

            return list;
        }

        private IReadOnlyList<object?> ToTupleValues(AbiTupleType type, object? value)
        {
            IReadOnlyList<object?> list = value switch
            {
                AbiTuple tuple => tuple.ToArray(),
                IReadOnlyList<object?> items => items,
                string or null => throw Mismatch(type, value),
                IList items => items.Cast<object?>().ToArray(),
                _ => throw Mismatch(type, value),
            };

            return list.Count == type.Components.Count
                ? list
                : throw Error($"{type.CanonicalName} has {type.Components.Count} components, got {list.Count} values");
        }

        private static string Segment(AbiParameter parameter, int index) =>
            parameter.Name.Length > 0 ? parameter.Name : "#" + index.ToString(CultureInfo.InvariantCulture);

        private AbiException Mismatch(AbiType type, object? value) =>
            Error($"a {(value is null ? "null" : value.GetType().Name)} is not a value of ABI type {type.CanonicalName}");

        private AbiException Error(string problem) => new($"Cannot encode {Path()}: {problem}.");

        private string Path() =>
            _path.Count == 0 ? "the value" : string.Concat(_path.Select((s, i) => i == 0 || s.StartsWith('[') ? s : "." + s));
    }
}
