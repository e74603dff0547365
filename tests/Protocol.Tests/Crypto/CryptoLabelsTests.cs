using System.Text;
using Obscuro.Protocol.Crypto;

namespace Obscuro.Protocol.Tests.Crypto;

public class CryptoLabelsTests
{
    [Fact]
    public void Labels_are_distinct_printable_ascii_without_zero_bytes()
    {
        Assert.Equal(CryptoLabels.All.Count, CryptoLabels.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(CryptoLabels.All, label =>
        {
            Assert.NotEmpty(label);
            Assert.All(label, c => Assert.InRange(c, '!', '~'));
            Assert.EndsWith(".v1", label, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_label_constant_is_listed()
    {
        var constants = typeof(CryptoLabels).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(constants.SetEquals(CryptoLabels.All));
    }

    [Fact]
    public void Byte_forms_match_the_constants()
    {
        Assert.Equal(Encoding.ASCII.GetBytes(CryptoLabels.Ecies), CryptoLabels.EciesBytes);
        Assert.Equal(Encoding.ASCII.GetBytes(CryptoLabels.RevealKey), CryptoLabels.RevealKeyBytes);
        Assert.Equal(Encoding.ASCII.GetBytes(CryptoLabels.StateCommitment), CryptoLabels.StateCommitmentBytes);
    }
}
