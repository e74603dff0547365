using Obscuro.Contracts.Artifacts;

namespace Obscuro.Contracts.Tests.Artifacts;

public sealed class ContractArtifactsTests
{
    [Fact]
    public void The_embedded_artifact_is_built_by_the_pinned_compiler_for_prague()
    {
        var artifacts = ContractArtifacts.Embedded;

        Assert.Equal("0.8.37", artifacts.CompilerVersion);
        Assert.Equal("prague", artifacts.EvmVersion);
        Assert.Contains("AbiProbe", artifacts.Names);
    }

    [Fact]
    public void A_contract_has_its_abi_and_bytecode()
    {
        var probe = ContractArtifacts.Embedded.Get("AbiProbe");

        Assert.Equal("test/AbiProbe.sol", probe.SourcePath);
        Assert.True(probe.IsDeployable);
        Assert.True(probe.CreationBytecode.Length > probe.DeployedBytecode.Length);
        Assert.Equal(0x60, probe.CreationBytecode.Span[0]); // PUSH1, the start of every solc init code
        Assert.Equal("echoOuter((address,(uint64,string,bytes32[]),(uint64,string,bytes32[])[],bool,bytes))", probe.Abi.GetFunction("echoOuter").Signature);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, probe.AbiJson.ValueKind);
        Assert.Equal(probe.CreationBytecode.ToArray(), probe.EncodeDeployment());
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => ContractArtifacts.Embedded.Get("NoSuchContract"));

        Assert.Contains("AbiProbe", e.Message, StringComparison.Ordinal);
        Assert.False(ContractArtifacts.Embedded.TryGet("NoSuchContract", out _));
    }

    [Fact]
    public void Contracts_that_need_library_linking_are_refused_when_used()
    {
        var artifacts = ContractArtifacts.Parse("""
            {"compiler":"0.8.37","evmVersion":"prague","optimizerRuns":200,"contracts":{
              "Linked":{"source":"Linked.sol","abi":[],"bytecode":"6080__$0123456789abcdef0123456789abcdef01$__","deployedBytecode":"6080",
                        "linkReferences":{"Lib.sol":{"Lib":[{"start":2,"length":20}]}}},
              "IThing":{"source":"IThing.sol","abi":[],"bytecode":"","deployedBytecode":"","linkReferences":{}}}}
            """);

        var linked = artifacts.Get("Linked");
        var e = Assert.Throws<InvalidOperationException>(() => linked.CreationBytecode);
        Assert.Contains("Lib.sol:Lib", e.Message, StringComparison.Ordinal);
        Assert.False(artifacts.Get("IThing").IsDeployable);
        Assert.Throws<InvalidOperationException>(() => artifacts.Get("IThing").EncodeDeployment());
    }
}
