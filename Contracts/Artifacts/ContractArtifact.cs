using System.Text.Json;
using Obscuro.Contracts.Abi;

namespace Obscuro.Contracts.Artifacts;

/// <summary>One compiled contract: its ABI and its bytecode, as produced by the pinned solc from Contracts/Solidity.</summary>
public sealed class ContractArtifact
{
    private readonly byte[] _creationBytecode;
    private readonly byte[] _deployedBytecode;
    private readonly IReadOnlyList<string> _unlinkedLibraries;

    internal ContractArtifact(
        string name,
        string sourcePath,
        JsonElement abiJson,
        byte[] creationBytecode,
        byte[] deployedBytecode,
        IReadOnlyList<string> unlinkedLibraries)
    {
        Name = name;
        SourcePath = sourcePath;
        AbiJson = abiJson;
        Abi = ContractAbi.FromJson(abiJson);
        _creationBytecode = creationBytecode;
        _deployedBytecode = deployedBytecode;
        _unlinkedLibraries = unlinkedLibraries;
    }

    public string Name { get; }

    /// <summary>The source file relative to Contracts/Solidity, e.g. <c>test/AbiProbe.sol</c>.</summary>
    public string SourcePath { get; }

    /// <summary>The ABI exactly as solc emitted it.</summary>
    public JsonElement AbiJson { get; }

    public ContractAbi Abi { get; }

    /// <summary>False for interfaces and abstract contracts, which have no bytecode.</summary>
    public bool IsDeployable => _creationBytecode.Length > 0 || _unlinkedLibraries.Count > 0;

    /// <summary>The init code a deployment transaction carries (before the encoded constructor arguments).</summary>
    public ReadOnlyMemory<byte> CreationBytecode => RequireLinked(_creationBytecode);

    /// <summary>The runtime code the chain stores at the contract's address once deployed, as <c>eth_getCode</c> returns it.</summary>
    public ReadOnlyMemory<byte> DeployedBytecode => RequireLinked(_deployedBytecode);

    /// <summary>Deployment data: creation bytecode followed by the ABI-encoded constructor arguments.</summary>
    public byte[] EncodeDeployment(params object?[] constructorArguments)
    {
        if (!IsDeployable)
        {
            throw new InvalidOperationException($"{Name} is an interface or abstract contract and cannot be deployed.");
        }

        var constructor = Abi.Constructor ?? new AbiConstructor([]);
        return constructor.EncodeDeployment(CreationBytecode.Span, constructorArguments);
    }

    public override string ToString() => $"{Name} ({SourcePath})";

    private ReadOnlyMemory<byte> RequireLinked(byte[] bytecode) =>
        _unlinkedLibraries.Count == 0
            ? bytecode
            : throw new InvalidOperationException(
                $"{Name} calls external libraries ({string.Join(", ", _unlinkedLibraries)}) that would need linking; make them internal libraries instead.");
}
