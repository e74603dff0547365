using System.Collections;

namespace Obscuro.Contracts.Abi;

/// <summary>
/// The decoded values of a tuple: a struct, or the arguments of a function, event or error. Values are read by
/// position or by parameter name; see <see cref="AbiDecoder"/> for the C# type of each ABI type.
/// </summary>
public sealed class AbiTuple : IReadOnlyList<object>
{
    private readonly object[] _values;
    private readonly IReadOnlyList<AbiParameter>? _parameters;

    /// <summary>An unnamed tuple, e.g. to pass a struct's values to the encoder.</summary>
    public AbiTuple(params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <summary>A tuple whose values are named by <paramref name="parameters"/> (same count, same order).</summary>
    public AbiTuple(IReadOnlyList<AbiParameter> parameters, object[] values)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(values);
        if (parameters.Count != values.Length)
        {
            throw new ArgumentException($"{parameters.Count} parameters but {values.Length} values.", nameof(values));
        }

        _parameters = parameters;
        _values = values;
    }

    public int Count => _values.Length;

    public object this[int index] => _values[index];

    /// <summary>The value of the parameter named <paramref name="name"/>.</summary>
    public object this[string name] => _values[IndexOf(name)];

    /// <summary>The parameters naming the values, when known.</summary>
    public IReadOnlyList<AbiParameter>? Parameters => _parameters;

    public T Get<T>(int index) => Cast<T>(_values[index], index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public T Get<T>(string name) => Cast<T>(_values[IndexOf(name)], name);

    public IEnumerator<object> GetEnumerator() => ((IEnumerable<object>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

    public override string ToString() => AbiValueFormatter.Format(this);

    private int IndexOf(string name)
    {
        if (_parameters is not null)
        {
            for (var i = 0; i < _parameters.Count; i++)
            {
                if (_parameters[i].Name == name)
                {
                    return i;
                }
            }
        }

        throw new KeyNotFoundException($"The tuple has no value named '{name}'.");
    }

    private static T Cast<T>(object value, string key) =>
        value is T typed
            ? typed
            : throw new InvalidCastException($"Tuple value '{key}' is a {value.GetType().Name}, not a {typeof(T).Name}.");
}
