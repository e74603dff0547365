using Obscuro.Contracts.Abi;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Abi;

public sealed class RevertReasonTests
{
    private static readonly ContractAbi Abi = ContractAbi.Parse("""
        [
          {"type":"error","name":"ProbeFailed","inputs":[
            {"name":"code","type":"uint256"},{"name":"reason","type":"string"},{"name":"caller","type":"address"}]},
          {"type":"error","name":"Unauthorized","inputs":[]}
        ]
        """);

    [Fact]
    public void Decodes_Error_string()
    {
        var data = AbiError.ErrorString.Encode("not enough stake");

        var reason = Assert.IsType<ErrorMessageRevert>(RevertReason.Decode(data));

        Assert.Equal("0x08c379a0", Hex.Encode(data.AsSpan(0, 4)));
        Assert.Equal("not enough stake", reason.Message);
        Assert.Equal("Error(\"not enough stake\")", reason.ToString());
    }

    [Theory]
    [InlineData(0x01UL, "assert")]
    [InlineData(0x11UL, "overflow")]
    [InlineData(0x12UL, "division or modulo by zero")]
    [InlineData(0x21UL, "enum")]
    [InlineData(0x22UL, "storage byte array")]
    [InlineData(0x31UL, "pop()")]
    [InlineData(0x32UL, "index out of bounds")]
    [InlineData(0x41UL, "memory")]
    [InlineData(0x51UL, "internal function")]
    [InlineData(0x99UL, "unknown panic code")]
    public void Decodes_Panic_with_the_meaning_of_its_code(ulong code, string meaning)
    {
        var reason = Assert.IsType<PanicRevert>(RevertReason.Decode(AbiError.Panic.Encode(code)));

        Assert.Equal(new UInt256(code), reason.Code);
        Assert.Contains(meaning, reason.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Decodes_a_custom_error_from_the_abi()
    {
        var caller = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        var data = Abi.GetError("ProbeFailed").Encode(7, "boom", caller);

        var reason = Assert.IsType<CustomErrorRevert>(Abi.DecodeRevert(data));

        Assert.Equal("ProbeFailed", reason.Error.Name);
        Assert.Equal(new UInt256(7), reason.Arguments["code"]);
        Assert.Equal("boom", reason.Arguments.Get<string>("reason"));
        Assert.Equal(caller, reason.Arguments["caller"]);
        Assert.Equal($"ProbeFailed(7, \"boom\", {caller})", reason.ToString());
    }

    [Fact]
    public void A_custom_error_without_the_abi_is_unrecognized_but_kept()
    {
        var data = Abi.GetError("Unauthorized").Encode();

        var reason = Assert.IsType<UnrecognizedRevert>(RevertReason.Decode(data));

        Assert.Contains("no known error has the selector", reason.Problem, StringComparison.Ordinal);
        Assert.Equal(data, reason.Data.ToArray());
    }

    [Fact]
    public void Empty_and_short_revert_data_are_unrecognized()
    {
        Assert.Contains("no revert data", Assert.IsType<UnrecognizedRevert>(RevertReason.Decode([])).Problem, StringComparison.Ordinal);
        Assert.Contains("shorter than a selector", Assert.IsType<UnrecognizedRevert>(RevertReason.Decode([1, 2])).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_Error_string_is_reported_not_thrown()
    {
        var data = AbiError.ErrorString.Encode("x");
        data[^1] = 1; // dirty padding after the message

        var reason = Assert.IsType<UnrecognizedRevert>(RevertReason.Decode(data));

        Assert.Contains("malformed", reason.Problem, StringComparison.Ordinal);
        Assert.Contains("non-zero padding", reason.Problem, StringComparison.Ordinal);
    }
}
