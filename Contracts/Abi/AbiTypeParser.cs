using System.Globalization;

namespace Obscuro.Contracts.Abi;

/// <summary>
/// Recursive-descent parser for ABI type strings: <c>base</c> then any number of <c>[k]</c> / <c>[]</c> suffixes,
/// where a base is an elementary type name or a parenthesised, comma-separated tuple. <c>uint</c> and <c>int</c> are
/// accepted as the aliases of <c>uint256</c> and <c>int256</c>; whitespace and leading zeros are not.
/// </summary>
internal ref struct AbiTypeParser
{
    private readonly ReadOnlySpan<char> _text;
    private readonly string _original;
    private int _position;
    private int _depth;

    private AbiTypeParser(string text)
    {
        _original = text;
        _text = text;
    }

    public static AbiType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new AbiTypeParser(text);
        var type = parser.ParseType();
        if (parser._position != parser._text.Length)
        {
            throw parser.Error($"unexpected '{parser._text[parser._position]}'");
        }

        return type;
    }

    /// <summary>
    /// Parses solc JSON's form of a struct type: <paramref name="text"/> is <c>tuple</c> plus array suffixes and the
    /// tuple itself comes from the JSON <c>components</c>.
    /// </summary>
    public static AbiType ParseTupleSuffixes(string text, AbiTupleType tuple)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith("tuple", StringComparison.Ordinal))
        {
            throw new AbiException($"'{text}': a type with components must be 'tuple' with optional array suffixes.");
        }

        var parser = new AbiTypeParser(text) { _position = "tuple".Length };
        var type = parser.ParseSuffixes(tuple);
        if (parser._position != parser._text.Length)
        {
            throw parser.Error($"unexpected '{parser._text[parser._position]}'");
        }

        return type;
    }

    /// <summary>Parses <c>name(T1,…,Tn)</c>, the form of a function, event or error signature.</summary>
    public static (string Name, IReadOnlyList<AbiType> Types) ParseSignature(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var open = signature.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0)
        {
            throw new AbiException($"'{signature}' is not a signature of the form name(type,...).");
        }

        var name = signature[..open];
        if (!IsIdentifier(name))
        {
            throw new AbiException($"'{name}' in signature '{signature}' is not a valid identifier.");
        }

        var parser = new AbiTypeParser(signature) { _position = open };
        var tuple = parser.ParseTupleBody(allowEmpty: true);
        if (parser._position != parser._text.Length)
        {
            throw parser.Error($"unexpected '{parser._text[parser._position]}' after the parameter list");
        }

        return (name, tuple.Components.Select(c => c.Type).ToArray());
    }

    internal static bool IsIdentifier(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '$')
            {
                return false;
            }
        }

        return true;
    }

    private AbiType ParseType()
    {
        AbiType baseType = Peek() == '(' ? ParseTupleBody(allowEmpty: false) : ParseElementary();
        return ParseSuffixes(baseType);
    }

    private AbiType ParseSuffixes(AbiType type)
    {
        while (Peek() == '[')
        {
            _position++;
            var start = _position;
            while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
            {
                _position++;
            }

            var digits = _text[start.._position];
            if (Peek() != ']')
            {
                throw Error("expected ']' after an array length");
            }

            _position++;
            if (digits.IsEmpty)
            {
                type = new AbiArrayType(type);
                continue;
            }

            if (digits.Length > 1 && digits[0] == '0')
            {
                throw Error($"array length '{digits}' has a leading zero");
            }

            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > AbiLimits.MaxStaticSize)
            {
                throw Error($"array length '{digits}' is too large");
            }

            type = new AbiArrayType(type, length);
        }

        return type;
    }

    private AbiTupleType ParseTupleBody(bool allowEmpty)
    {
        if (++_depth > AbiLimits.MaxDepth)
        {
            throw Error($"nesting deeper than {AbiLimits.MaxDepth}");
        }

        _position++; // '('
        var components = new List<AbiParameter>();
        if (Peek() == ')')
        {
            _position++;
            _depth--;
            return allowEmpty ? AbiTupleType.ForParameters(components) : throw Error("a tuple type needs at least one component");
        }

        while (true)
        {
            components.Add(new AbiParameter(string.Empty, ParseType()));
            var next = Peek();
            _position++;
            if (next == ')')
            {
                break;
            }

            if (next != ',')
            {
                _position--;
                throw Error(_position >= _text.Length ? "missing ')'" : "expected ',' or ')'");
            }
        }

        _depth--;
        return allowEmpty ? AbiTupleType.ForParameters(components) : new AbiTupleType(components);
    }

    private AbiType ParseElementary()
    {
        var start = _position;
        while (_position < _text.Length && char.IsAsciiLetterLower(_text[_position]))
        {
            _position++;
        }

        var name = _text[start.._position].ToString();
        var digitsStart = _position;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }

        var digits = _text[digitsStart.._position];
        if (name.Length == 0)
        {
            throw Error(_position >= _text.Length ? "missing type" : $"unexpected '{_text[_position]}'");
        }

        if (digits.IsEmpty)
        {
            return name switch
            {
                "uint" => AbiUIntType.UInt256,
                "int" => AbiIntType.Int256,
                "address" => AbiAddressType.Instance,
                "bool" => AbiBoolType.Instance,
                "bytes" => AbiBytesType.Instance,
                "string" => AbiStringType.Instance,
                "fixed" or "ufixed" => throw Error("fixed-point types are not supported (Solidity cannot use them either)"),
                "function" => throw Error("function types are not supported"),
                "tuple" => throw Error("'tuple' needs its components; write the tuple as (T1,...,Tn)"),
                _ => throw Error($"unknown type '{name}'"),
            };
        }

        if (digits[0] == '0' || digits.Length > 3)
        {
            throw Error($"'{name}{digits}' has an invalid size");
        }

        var size = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        try
        {
            return name switch
            {
                "uint" => new AbiUIntType(size),
                "int" => new AbiIntType(size),
                "bytes" => new AbiFixedBytesType(size),
                "fixed" or "ufixed" => throw Error("fixed-point types are not supported (Solidity cannot use them either)"),
                _ => throw Error($"unknown type '{name}{digits}'"),
            };
        }
        catch (AbiException e) when (!e.Message.StartsWith("ABI type", StringComparison.Ordinal))
        {
            throw Error(e.Message);
        }
    }

    private readonly char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private readonly AbiException Error(string problem) =>
        new($"ABI type '{_original}' is invalid at position {_position}: {problem}.");
}
