using Obscuro.Contracts.Abi;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Abi;

/// <summary>The worked examples of the Solidity ABI specification, encoded and decoded both ways.</summary>
public sealed class AbiSpecVectorTests
{
    [Fact]
    public void Baz_encodes_69_and_true()
    {
        var function = AbiFunction.FromSignature("baz(uint32,bool)");

        var calldata = function.EncodeCall(69u, true);

        Assert.Equal("0xcdcd77c0", function.Selector.ToString());
        Assert.Equal(
            "0xcdcd77c0" +
            "0000000000000000000000000000000000000000000000000000000000000045" +
            "0000000000000000000000000000000000000000000000000000000000000001",
            Hex.Encode(calldata));
        AbiAssert.Equivalent(new object[] { 69, true }, function.DecodeCall(calldata));
    }

    [Fact]
    public void Bar_encodes_a_fixed_array_of_bytes3()
    {
        var function = AbiFunction.FromSignature("bar(bytes3[2])");

        var calldata = function.EncodeCall([new object[] { "abc"u8.ToArray(), "def"u8.ToArray() }]);

        Assert.Equal(
            "0xfce353f6" +
            "6162630000000000000000000000000000000000000000000000000000000000" +
            "6465660000000000000000000000000000000000000000000000000000000000",
            Hex.Encode(calldata));
    }

    [Fact]
    public void Sam_encodes_bytes_bool_and_a_dynamic_array()
    {
        var function = AbiFunction.FromSignature("sam(bytes,bool,uint256[])");
        object[] values = ["dave"u8.ToArray(), true, new object[] { 1, 2, 3 }];

        var calldata = function.EncodeCall(values);

        Assert.Equal(
            "0xa5643bf2" +
            "0000000000000000000000000000000000000000000000000000000000000060" +
            "0000000000000000000000000000000000000000000000000000000000000001" +
            "00000000000000000000000000000000000000000000000000000000000000a0" +
            "0000000000000000000000000000000000000000000000000000000000000004" +
            "6461766500000000000000000000000000000000000000000000000000000000" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "0000000000000000000000000000000000000000000000000000000000000001" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000003",
            Hex.Encode(calldata));
        AbiAssert.Equivalent(values, function.DecodeCall(calldata));
    }

    [Fact]
    public void F_encodes_static_and_dynamic_parameters_interleaved()
    {
        var function = AbiFunction.FromSignature("f(uint256,uint32[],bytes10,bytes)");
        object[] values = [0x123, new object[] { 0x456, 0x789 }, "1234567890"u8.ToArray(), "Hello, world!"u8.ToArray()];

        var calldata = function.EncodeCall(values);

        Assert.Equal(
            "0x8be65246" +
            "0000000000000000000000000000000000000000000000000000000000000123" +
            "0000000000000000000000000000000000000000000000000000000000000080" +
            "3132333435363738393000000000000000000000000000000000000000000000" +
            "00000000000000000000000000000000000000000000000000000000000000e0" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000456" +
            "0000000000000000000000000000000000000000000000000000000000000789" +
            "000000000000000000000000000000000000000000000000000000000000000d" +
            "48656c6c6f2c20776f726c642100000000000000000000000000000000000000",
            Hex.Encode(calldata));
        AbiAssert.Equivalent(values, function.DecodeCall(calldata));
    }

    [Fact]
    public void G_encodes_nested_dynamic_arrays_and_strings()
    {
        var function = AbiFunction.FromSignature("g(uint256[][],string[])");
        object[] values = [new object[] { new object[] { 1, 2 }, new object[] { 3 } }, new object[] { "one", "two", "three" }];

        var calldata = function.EncodeCall(values);

        Assert.Equal(
            "0x2289b18c" +
            "0000000000000000000000000000000000000000000000000000000000000040" +
            "0000000000000000000000000000000000000000000000000000000000000140" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000040" +
            "00000000000000000000000000000000000000000000000000000000000000a0" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000001" +
            "0000000000000000000000000000000000000000000000000000000000000002" +
            "0000000000000000000000000000000000000000000000000000000000000001" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "0000000000000000000000000000000000000000000000000000000000000060" +
            "00000000000000000000000000000000000000000000000000000000000000a0" +
            "00000000000000000000000000000000000000000000000000000000000000e0" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "6f6e650000000000000000000000000000000000000000000000000000000000" +
            "0000000000000000000000000000000000000000000000000000000000000003" +
            "74776f0000000000000000000000000000000000000000000000000000000000" +
            "0000000000000000000000000000000000000000000000000000000000000005" +
            "7468726565000000000000000000000000000000000000000000000000000000",
            Hex.Encode(calldata));
        AbiAssert.Equivalent(values, function.DecodeCall(calldata));
    }

    [Theory]
    [InlineData("transfer(address,uint256)", "0xa9059cbb")]
    [InlineData("balanceOf(address)", "0x70a08231")]
    [InlineData("Error(string)", "0x08c379a0")]
    [InlineData("Panic(uint256)", "0x4e487b71")]
    public void Selectors_are_the_first_four_bytes_of_the_signature_hash(string signature, string selector)
    {
        Assert.Equal(selector, FunctionSelector.FromSignature(signature).ToString());
    }

    [Fact]
    public void Aliases_are_canonicalised_before_hashing()
    {
        Assert.Equal("f(uint256,(int256,bool)[2])", AbiSignature.Canonicalize("f(uint,(int,bool)[2])"));
        Assert.Equal(AbiFunction.FromSignature("transfer(address,uint256)").Selector, AbiFunction.FromSignature("transfer(address,uint)").Selector);
    }

    [Fact]
    public void Calldata_with_another_selector_is_refused()
    {
        var baz = AbiFunction.FromSignature("baz(uint32,bool)");
        var other = AbiFunction.FromSignature("qux(uint32,bool)").EncodeCall(1, true);

        Assert.Contains("selector", Assert.Throws<AbiException>(() => baz.DecodeCall(other)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_integers_are_sign_extended()
    {
        var encoded = AbiEncoder.Encode(new AbiIntType(8), -1);

        Assert.Equal(new string('f', 64), Hex.Encode(encoded, prefix: false));
        Assert.Equal(new System.Numerics.BigInteger(-1), AbiDecoder.Decode(new AbiIntType(8), encoded));
    }

    [Fact]
    public void Transfer_event_topic_is_the_known_hash()
    {
        var transfer = new AbiEvent("Transfer", [
            new AbiParameter("from", AbiAddressType.Instance, Indexed: true),
            new AbiParameter("to", AbiAddressType.Instance, Indexed: true),
            new AbiParameter("value", AbiUIntType.UInt256)]);

        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", transfer.Topic0.ToString());
        Assert.Equal("Transfer(address,address,uint256)", transfer.Signature);
    }
}
