using System.Globalization;
using System.Numerics;
using System.Text;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Abi;

/// <summary>Renders decoded values for messages and logs, the way a block explorer would show them.</summary>
internal static class AbiValueFormatter
{
    public static string Format(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string text:
                builder.Append('"').Append(text.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                break;
            case byte[] bytes:
                builder.Append(Hex.Encode(bytes));
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case BigInteger integer:
                builder.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            case AbiTuple tuple:
                builder.Append('(');
                for (var i = 0; i < tuple.Count; i++)
                {
                    if (i > 0) builder.Append(", ");
                    Append(builder, tuple[i]);
                }

                builder.Append(')');
                break;
            case IReadOnlyList<object> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0) builder.Append(", ");
                    Append(builder, list[i]);
                }

                builder.Append(']');
                break;
            default:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
