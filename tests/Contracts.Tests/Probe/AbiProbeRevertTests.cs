using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Rpc;
using Obscuro.Contracts.Tests.Anvil;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Probe;

/// <summary>Each way a contract can revert, as anvil reports it, decoded into a typed reason.</summary>
[Collection(SharedAnvil.Name)]
public sealed class AbiProbeRevertTests
{
    private readonly AnvilFixture _fixture;

    public AbiProbeRevertTests(AnvilFixture fixture)
    {
        _fixture = fixture;
    }

    private ContractAbi Abi => _fixture.AbiProbe.Abi;

    [Fact]
    public async Task A_custom_error_decodes_to_its_name_and_arguments()
    {
        var e = await RevertAsync("failCustom", 7, "boom");

        var reason = Assert.IsType<CustomErrorRevert>(e.Reason);
        Assert.Equal(3, e.Code);
        Assert.Equal("ProbeFailed", reason.Error.Name);
        Assert.Equal(new UInt256(7), reason.Arguments["code"]);
        Assert.Equal("boom", reason.Arguments["reason"]);
        Assert.Equal(AnvilFixture.DevAccount, reason.Arguments["caller"]);
        Assert.True(FunctionSelector.TryRead(e.RevertData.Span, out var selector));
        Assert.Equal(Abi.GetError("ProbeFailed").Selector, selector);
    }

    [Fact]
    public async Task A_custom_error_without_arguments_decodes()
    {
        var e = await RevertAsync("failUnauthorized");

        Assert.Equal("Unauthorized", Assert.IsType<CustomErrorRevert>(e.Reason).Error.Name);
        Assert.Equal(4, e.RevertData.Length);
    }

    [Fact]
    public async Task A_custom_error_needs_the_abi_but_the_raw_data_is_kept()
    {
        var function = Abi.GetFunction("failCustom");
        var call = new CallRequest { To = _fixture.AbiProbeAddress, From = AnvilFixture.DevAccount, Input = function.EncodeCall(1, "x") };

        var e = await Assert.ThrowsAsync<ContractRevertException>(() => _fixture.Client.CallAsync(call, BlockTag.Latest));

        Assert.IsType<UnrecognizedRevert>(e.Reason);
        Assert.Equal("ProbeFailed", Assert.IsType<CustomErrorRevert>(e.DecodeReason(Abi)).Error.Name);
    }

    [Fact]
    public async Task Require_with_a_message_decodes_to_Error_string()
    {
        var e = await RevertAsync("failRequire", "not allowed here");

        Assert.Equal("not allowed here", Assert.IsType<ErrorMessageRevert>(e.Reason).Message);
    }

    [Fact]
    public async Task Revert_without_data_is_unrecognized_with_empty_data()
    {
        var e = await RevertAsync("failEmpty");

        Assert.True(e.RevertData.IsEmpty);
        Assert.Contains("no revert data", Assert.IsType<UnrecognizedRevert>(e.Reason).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failDivide", PanicCodes.DivisionByZero)]
    [InlineData("failAssert", PanicCodes.AssertFailed)]
    [InlineData("failOverflow", PanicCodes.ArithmeticOverflow)]
    [InlineData("failIndex", PanicCodes.IndexOutOfBounds)]
    public async Task Panics_decode_with_their_code(string function, ulong code)
    {
        object[] arguments = function switch
        {
            "failDivide" => [1, 0],
            "failOverflow" => [UInt256.MaxValue],
            "failIndex" => [5],
            _ => [1],
        };

        var e = await RevertAsync(function, arguments);

        var panic = Assert.IsType<PanicRevert>(e.Reason);
        Assert.Equal(new UInt256(code), panic.Code);
        Assert.Equal(PanicCodes.Describe(new UInt256(code)), panic.Description);
    }

    [Fact]
    public async Task Gas_estimation_of_a_reverting_call_reverts_with_the_reason()
    {
        var function = Abi.GetFunction("failRequire");
        var call = new CallRequest { To = _fixture.AbiProbeAddress, From = AnvilFixture.DevAccount, Input = function.EncodeCall("estimate me") };

        var e = await Assert.ThrowsAsync<ContractRevertException>(() => _fixture.Client.EstimateGasAsync(call, errors: Abi));

        Assert.Equal("eth_estimateGas", e.Method);
        Assert.Equal("estimate me", Assert.IsType<ErrorMessageRevert>(e.Reason).Message);
    }

    private async Task<ContractRevertException> RevertAsync(string name, params object[] arguments)
    {
        var function = Abi.GetFunction(name);
        var call = new CallRequest { To = _fixture.AbiProbeAddress, From = AnvilFixture.DevAccount, Input = function.EncodeCall(arguments) };
        var e = await Assert.ThrowsAsync<ContractRevertException>(() => _fixture.Client.CallAsync(call, BlockTag.Latest, Abi));
        Assert.Equal("eth_call", e.Method);
        return e;
    }
}
