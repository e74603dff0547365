using System.Numerics;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Rpc;
using Obscuro.Contracts.Tests.Abi;
using Obscuro.Contracts.Tests.Anvil;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Probe;

/// <summary>
/// Every ABI type goes through the real compiler's encoder and decoder: we encode the call, AbiProbe decodes it and
/// encodes it back, and we check both that our decoding gives the values back and that Solidity's return data is
/// byte for byte what our encoder makes of the same values.
/// </summary>
[Collection(SharedAnvil.Name)]
public sealed class AbiProbeEchoTests
{
    private static readonly BigInteger Two = 2;
    private readonly AnvilFixture _fixture;

    public AbiProbeEchoTests(AnvilFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Unsigned_integers_of_every_width_round_trip()
    {
        await EchoAsync("echoUints", 0, 0, 0, 0, 0, 0, 0);
        await EchoAsync("echoUints", 1, 2, 3, 4, 5, 6, 7);
        await EchoAsync(
            "echoUints",
            byte.MaxValue,
            ushort.MaxValue,
            (1 << 24) - 1,
            uint.MaxValue,
            ulong.MaxValue,
            UInt256.FromBigInteger((Two << 127) - 1),
            UInt256.MaxValue);
    }

    [Fact]
    public async Task Signed_integers_of_every_width_round_trip_at_both_extremes()
    {
        await EchoAsync("echoInts", sbyte.MinValue, short.MinValue, -(1 << 23), int.MinValue, long.MinValue, -(Two << 126), -(Two << 254));
        await EchoAsync("echoInts", sbyte.MaxValue, short.MaxValue, (1 << 23) - 1, int.MaxValue, long.MaxValue, (Two << 126) - 1, (Two << 254) - 1);
        await EchoAsync("echoInts", -1, -1, -1, -1, -1, -1, -1);
    }

    [Fact]
    public async Task Addresses_and_bools_round_trip()
    {
        await EchoAsync("echoAddressBool", AnvilFixture.DevAccount, true);
        await EchoAsync("echoAddressBool", Address.Zero, false);
    }

    [Fact]
    public async Task Fixed_size_byte_strings_round_trip()
    {
        await EchoAsync("echoFixedBytes", new byte[] { 0xab }, new byte[] { 1, 2, 3, 4 }, AnvilFixture.DevAccount.ToArray(), Keccak256.HashToArray("x"u8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(1000)]
    public async Task Byte_strings_of_any_length_round_trip(int length)
    {
        var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

        await EchoAsync("echoBytes", bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("héllo wörld – 😀 – 日本語")]
    [InlineData("a string that is longer than one thirty-two byte word, so it takes two or more words")]
    public async Task Strings_round_trip_as_utf8(string text)
    {
        await EchoAsync("echoString", text);
    }

    [Fact]
    public async Task Fixed_and_dynamic_arrays_round_trip()
    {
        // A lone array argument is cast to object so that C# passes it as one argument, not as the argument list.
        await EchoAsync("echoFixedArray", (object)new object[] { UInt256.MaxValue, 0, 42 });
        await EchoAsync("echoDynamicArray", (object)Array.Empty<object>());
        await EchoAsync("echoDynamicArray", (object)new object[] { AnvilFixture.DevAccount, Address.Zero, _fixture.AbiProbeAddress });
        await EchoAsync("echoNestedArray", (object)new object[] { new object[] { 1, 2 }, Array.Empty<object>(), new object[] { 3 } });
        await EchoAsync("echoStringArray", (object)new object[] { "one", string.Empty, "three" });
        await EchoAsync("echoFixedOfDynamic", (object)new object[] { "left", "right side is longer than thirty-two bytes in total" });
        await EchoAsync("echoDynamicOfFixed", (object)new object[] { new object[] { -1, 1 }, new object[] { short.MinValue, short.MaxValue } });
    }

    [Fact]
    public async Task Structs_round_trip_including_dynamic_members_and_arrays_of_structs()
    {
        var inner = new AbiTuple(7UL, "inner label", new object[] { Keccak256.HashToArray("a"u8), Keccak256.HashToArray("b"u8) });
        var child = new AbiTuple(8UL, string.Empty, Array.Empty<object>());
        var outer = new AbiTuple(AnvilFixture.DevAccount, inner, new object[] { child, inner }, true, new byte[] { 1, 2, 3 });

        await EchoAsync("echoPoint", new AbiTuple(-5, int.MaxValue));
        var decoded = await EchoAsync("echoOuter", outer);
        await EchoAsync("echoInners", (object)new object[] { inner, child, inner });
        await EchoAsync("echoInners", (object)Array.Empty<object>());

        var echoed = decoded.Get<AbiTuple>(0);
        Assert.Equal(AnvilFixture.DevAccount, echoed["owner"]);
        Assert.Equal("inner label", echoed.Get<AbiTuple>("inner")["label"]);
        Assert.Equal(2, echoed.Get<IReadOnlyList<object>>("children").Count);
    }

    [Fact]
    public async Task Mixed_static_and_dynamic_parameters_round_trip()
    {
        await EchoAsync(
            "echoMixed",
            UInt256.MaxValue,
            "mixed",
            new object[] { new AbiTuple(1, -1), new AbiTuple(int.MinValue, 0) },
            new byte[] { 0xff },
            new object[] { true, false, true });
    }

    [Fact]
    public async Task Our_encoding_hashes_to_what_solidity_hashes()
    {
        var function = _fixture.AbiProbe.Abi.GetFunction("hashEncoded");
        var inners = new object[]
        {
            new AbiTuple(1UL, "first", new object[] { Keccak256.HashToArray("t"u8) }),
            new AbiTuple(2UL, "second", Array.Empty<object>()),
        };

        var result = function.DecodeOutput(await CallRawAsync(function, [inners]));

        var ours = Keccak256.Hash(AbiEncoder.Encode(function.Inputs[0].Type, inners));
        Assert.Equal(ours, new Hash256(result.Get<byte[]>(0)));
    }

    [Fact]
    public async Task Solidity_rejects_the_dirty_calldata_we_reject()
    {
        var function = _fixture.AbiProbe.Abi.GetFunction("echoAddressBool");
        var calldata = function.EncodeCall(AnvilFixture.DevAccount, true);
        calldata[4 + 63] = 2; // the bool word becomes 2

        var e = await Assert.ThrowsAsync<ContractRevertException>(() =>
            _fixture.Client.CallAsync(CallRequest.Create(_fixture.AbiProbeAddress, calldata), BlockTag.Latest));

        Assert.True(e.RevertData.IsEmpty);
        Assert.Throws<AbiException>(() => function.DecodeCall(calldata));
    }

    private async Task<AbiTuple> EchoAsync(string name, params object[] values)
    {
        var function = _fixture.AbiProbe.Abi.GetFunction(name);
        var raw = await CallRawAsync(function, values);

        Assert.Equal(Hex.Encode(function.EncodeOutput(values)), Hex.Encode(raw));
        var decoded = function.DecodeOutput(raw);
        AbiAssert.Equivalent(values, decoded, name);
        return decoded;
    }

    private Task<byte[]> CallRawAsync(AbiFunction function, object[] values) =>
        _fixture.Client.CallAsync(CallRequest.Create(_fixture.AbiProbeAddress, function.EncodeCall(values)), BlockTag.Latest, _fixture.AbiProbe.Abi);
}
