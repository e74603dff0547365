using Obscuro.Contracts.Abi;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Abi;

public sealed class ContractAbiTests
{
    private const string Json = """
        [
          {"type":"constructor","inputs":[{"name":"owner","type":"address"}],"stateMutability":"nonpayable"},
          {"type":"function","name":"set","inputs":[{"name":"v","type":"uint256"}],"outputs":[],"stateMutability":"nonpayable"},
          {"type":"function","name":"set","inputs":[{"name":"v","type":"string"}],"outputs":[],"stateMutability":"nonpayable"},
          {"type":"function","name":"get","inputs":[],"outputs":[{"name":"","type":"tuple","components":[
              {"name":"id","type":"uint64"},{"name":"tags","type":"bytes32[]"}]}],"stateMutability":"view"},
          {"type":"function","name":"list","inputs":[{"name":"items","type":"tuple[2][]","components":[
              {"name":"a","type":"int8"},{"name":"b","type":"tuple","components":[{"name":"c","type":"bool"}]}]}],"outputs":[]},
          {"type":"event","name":"Changed","anonymous":false,"inputs":[
              {"name":"who","type":"address","indexed":true},{"name":"value","type":"uint256","indexed":false}]},
          {"type":"error","name":"Denied","inputs":[{"name":"who","type":"address"}]},
          {"type":"receive","stateMutability":"payable"},
          {"type":"fallback","stateMutability":"nonpayable"}
        ]
        """;

    private static readonly ContractAbi Abi = ContractAbi.Parse(Json);

    [Fact]
    public void Reads_every_kind_of_entry()
    {
        Assert.Equal(4, Abi.Functions.Count);
        Assert.Single(Abi.Events);
        Assert.Single(Abi.Errors);
        Assert.Equal("owner", Assert.IsType<AbiConstructor>(Abi.Constructor).Inputs[0].Name);
        Assert.True(Abi.HasReceive);
        Assert.True(Abi.HasFallback);
    }

    [Fact]
    public void Reads_struct_components_and_array_suffixes_on_tuples()
    {
        var list = Abi.GetFunction("list");
        var get = Abi.GetFunction("get");

        Assert.Equal("list((int8,(bool))[2][])", list.Signature);
        Assert.Equal("(uint64,bytes32[])", get.Outputs[0].Type.CanonicalName);
        Assert.Equal("view", get.StateMutability);
    }

    [Fact]
    public void Finds_overloads_by_signature_and_refuses_ambiguous_names()
    {
        Assert.Equal("set(uint256)", Abi.GetFunction("set(uint)").Signature);
        Assert.Equal("set(string)", Abi.GetFunction("set(string)").Signature);
        var e = Assert.Throws<InvalidOperationException>(() => Abi.GetFunction("set"));
        Assert.Contains("set(uint256), set(string)", e.Message, StringComparison.Ordinal);
        Assert.False(Abi.TryGetFunction("set", out _));
    }

    [Fact]
    public void Reports_unknown_names()
    {
        Assert.Throws<KeyNotFoundException>(() => Abi.GetFunction("missing"));
        Assert.Throws<KeyNotFoundException>(() => Abi.GetEvent("Changed(uint256)"));
        Assert.False(Abi.TryGetError("Nope", out _));
        Assert.True(Abi.TryGetError("Denied", out var denied));
        Assert.Equal("Denied(address)", denied.Signature);
    }

    [Fact]
    public void Finds_by_selector_and_topic()
    {
        var set = Abi.GetFunction("set(uint256)");
        var changed = Abi.GetEvent("Changed");

        Assert.Same(set, Abi.FindFunction(set.Selector));
        Assert.Same(changed, Abi.FindEvent(changed.Topic0));
        Assert.Same(Abi.GetError("Denied"), Abi.FindError(FunctionSelector.FromSignature("Denied(address)")));
        Assert.Null(Abi.FindEvent(Hash256.Zero));
    }

    [Fact]
    public void Decodes_a_log_of_its_events_and_ignores_others()
    {
        var changed = Abi.GetEvent("Changed");
        var who = Address.Parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        var topics = new[] { changed.Topic0, changed.EncodeTopic("who", who) };
        var data = AbiEncoder.Encode(AbiUIntType.UInt256, 42);

        var decoded = Abi.DecodeLog(topics, data);

        Assert.NotNull(decoded);
        Assert.Equal("Changed", decoded.Name);
        Assert.Equal(who, decoded.Arguments["who"]);
        Assert.Equal(new UInt256(42), decoded.Arguments["value"]);
        Assert.Null(Abi.DecodeLog([Hash256.Zero], data));
    }

    [Fact]
    public void Encodes_constructor_arguments_after_the_bytecode()
    {
        var owner = Address.Parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

        var deployment = Abi.Constructor!.EncodeDeployment([0x60, 0x80], owner);

        Assert.Equal("0x6080" + "000000000000000000000000" + "70997970c51812dc3a010c7d01b50e0d17dc79c8", Hex.Encode(deployment));
    }

    [Theory]
    [InlineData("{}", "must be an array")]
    [InlineData("[1]", "not an object")]
    [InlineData("[{\"type\":\"function\",\"inputs\":[]}]", "'name'")]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"name\":\"x\",\"type\":\"uint7\"}]}]", "inputs[0]")]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"name\":\"x\",\"type\":\"uint256[]\",\"components\":[{\"name\":\"a\",\"type\":\"bool\"}]}]}]", "'tuple'")]
    [InlineData("[{\"type\":\"banana\",\"name\":\"f\"}]", "unknown entry type")]
    [InlineData("[{\"type\":\"event\",\"name\":\"E\",\"inputs\":[{\"name\":\"a\",\"type\":\"bool\",\"indexed\":true},{\"name\":\"b\",\"type\":\"bool\",\"indexed\":true},{\"name\":\"c\",\"type\":\"bool\",\"indexed\":true},{\"name\":\"d\",\"type\":\"bool\",\"indexed\":true}]}]", "at most 3")]
    [InlineData("not json", "not valid JSON")]
    public void Rejects_malformed_abi_json(string json, string problem)
    {
        var e = Assert.Throws<AbiException>(() => ContractAbi.Parse(json));

        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }
}
