using Obscuro.Contracts.Abi;

namespace Obscuro.Contracts.Tests.Abi;

public sealed class AbiTypeParserTests
{
    [Theory]
    [InlineData("uint8", "uint8", false, 32)]
    [InlineData("uint", "uint256", false, 32)]
    [InlineData("int", "int256", false, 32)]
    [InlineData("int24", "int24", false, 32)]
    [InlineData("address", "address", false, 32)]
    [InlineData("bool", "bool", false, 32)]
    [InlineData("bytes1", "bytes1", false, 32)]
    [InlineData("bytes32", "bytes32", false, 32)]
    [InlineData("bytes", "bytes", true, 32)]
    [InlineData("string", "string", true, 32)]
    [InlineData("uint256[3]", "uint256[3]", false, 96)]
    [InlineData("uint256[]", "uint256[]", true, 32)]
    [InlineData("string[2]", "string[2]", true, 32)]
    [InlineData("int16[2][]", "int16[2][]", true, 32)]
    [InlineData("(uint,address)", "(uint256,address)", false, 64)]
    [InlineData("(uint8,(bool,bytes32)[2])[]", "(uint8,(bool,bytes32)[2])[]", true, 32)]
    [InlineData("(uint64,string,bytes32[])", "(uint64,string,bytes32[])", true, 32)]
    [InlineData("(int32,int32)[2]", "(int32,int32)[2]", false, 128)]
    public void Parses_to_the_canonical_type(string text, string canonical, bool dynamic, int headSize)
    {
        var type = AbiType.Parse(text);

        Assert.Equal(canonical, type.CanonicalName);
        Assert.Equal(dynamic, type.IsDynamic);
        Assert.Equal(headSize, type.HeadSize);
    }

    [Fact]
    public void Parsed_structure_is_exposed()
    {
        var type = Assert.IsType<AbiArrayType>(AbiType.Parse("(address,string[])[4]"));
        var tuple = Assert.IsType<AbiTupleType>(type.Element);

        Assert.Equal(4, type.Length);
        Assert.Same(AbiAddressType.Instance, tuple.Components[0].Type);
        Assert.Null(Assert.IsType<AbiArrayType>(tuple.Components[1].Type).Length);
    }

    [Theory]
    [InlineData("", "missing type")]
    [InlineData("uint7", "multiple of 8")]
    [InlineData("uint264", "multiple of 8")]
    [InlineData("uint08", "invalid size")]
    [InlineData("int0", "invalid size")]
    [InlineData("bytes0", "invalid size")]
    [InlineData("bytes33", "from 1 to 32")]
    [InlineData("fixed128x18", "not supported")]
    [InlineData("ufixed", "not supported")]
    [InlineData("function", "not supported")]
    [InlineData("tuple", "components")]
    [InlineData("uint256[0]", "at least one element")]
    [InlineData("uint256[01]", "leading zero")]
    [InlineData("uint256[", "expected ']'")]
    [InlineData("uint256[x]", "expected ']'")]
    [InlineData("uint256[99999999999]", "too large")]
    [InlineData("()", "at least one component")]
    [InlineData("(uint256", "missing ')'")]
    [InlineData("(uint256;bool)", "expected ',' or ')'")]
    [InlineData("(uint256,)", "unexpected ')'")]
    [InlineData("uint256 ", "unexpected ' '")]
    [InlineData("Uint256", "unexpected 'U'")]
    [InlineData("address payable", "unexpected ' '")]
    [InlineData("strings", "unknown type")]
    [InlineData("uint256[2]]", "unexpected ']'")]
    public void Rejects_malformed_type_strings(string text, string problem)
    {
        var e = Assert.Throws<AbiException>(() => AbiType.Parse(text));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_nesting_deeper_than_the_limit()
    {
        var deepArray = "uint256" + string.Concat(Enumerable.Repeat("[]", 40));
        var deepTuple = string.Concat(Enumerable.Repeat("(", 40)) + "bool" + string.Concat(Enumerable.Repeat(")", 40));

        Assert.Contains("deep", Assert.Throws<AbiException>(() => AbiType.Parse(deepArray)).Message, StringComparison.Ordinal);
        Assert.Contains("deep", Assert.Throws<AbiException>(() => AbiType.Parse(deepTuple)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_static_types_too_large_to_encode()
    {
        var e = Assert.Throws<AbiException>(() => AbiType.Parse("uint256[65536][65536]"));

        Assert.Contains("at most", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Types_compare_by_canonical_name()
    {
        Assert.Equal(AbiType.Parse("uint"), AbiType.Parse("uint256"));
        Assert.True(AbiType.Parse("(int,bool)[]") == AbiType.Parse("(int256,bool)[]"));
        Assert.NotEqual(AbiType.Parse("uint8[2]"), AbiType.Parse("uint8[]"));
    }

    [Theory]
    [InlineData("f()", "f", 0)]
    [InlineData("transfer(address,uint)", "transfer", 2)]
    [InlineData("g((uint8,string)[],bytes)", "g", 2)]
    public void Parses_signatures(string signature, string name, int count)
    {
        var (parsedName, parameters) = AbiSignature.Parse(signature);

        Assert.Equal(name, parsedName);
        Assert.Equal(count, parameters.Count);
    }

    [Theory]
    [InlineData("f")]
    [InlineData("(uint256)")]
    [InlineData("1f(uint256)")]
    [InlineData("f(uint256))")]
    [InlineData("f(uint256")]
    [InlineData("f g(uint256)")]
    public void Rejects_malformed_signatures(string signature)
    {
        Assert.Throws<AbiException>(() => AbiSignature.Parse(signature));
    }
}
