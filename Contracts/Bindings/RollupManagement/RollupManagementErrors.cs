using Obscuro.Contracts.Abi;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// The custom errors of RollupManagement (its own, and those of Governed and the Signatures library),
/// by name, to match a decoded revert with <see cref="ContractErrors.Is(Rpc.ContractRevertException, AbiError)"/>. The
/// arguments are in <see cref="CustomErrorRevert.Arguments"/>, named as in the Solidity declaration.
/// </summary>
public static class RollupManagementErrors
{
    /// <summary><c>AggregatorNotActive(address aggregator)</c></summary>
    public static AbiError AggregatorNotActive { get; } = Get(nameof(AggregatorNotActive));

    /// <summary><c>BlobHashMismatch(bytes32 expected, bytes32 actual)</c></summary>
    public static AbiError BlobHashMismatch { get; } = Get(nameof(BlobHashMismatch));

    /// <summary><c>BlockHashUnavailable(uint256 blockNumber)</c></summary>
    public static AbiError BlockHashUnavailable { get; } = Get(nameof(BlockHashUnavailable));

    /// <summary><c>DependencyBlockHashMismatch(uint256 blockNumber, bytes32 expected, bytes32 actual)</c></summary>
    public static AbiError DependencyBlockHashMismatch { get; } = Get(nameof(DependencyBlockHashMismatch));

    /// <summary><c>GenesisAlreadyPublished(bytes32 genesisHash)</c></summary>
    public static AbiError GenesisAlreadyPublished { get; } = Get(nameof(GenesisAlreadyPublished));

    /// <summary><c>InclusionBlockHashMismatch(uint256 blockNumber, bytes32 expected, bytes32 actual)</c></summary>
    public static AbiError InclusionBlockHashMismatch { get; } = Get(nameof(InclusionBlockHashMismatch));

    /// <summary><c>InclusionBlockNumberMismatch(uint256 expected, uint256 actual)</c></summary>
    public static AbiError InclusionBlockNumberMismatch { get; } = Get(nameof(InclusionBlockNumberMismatch));

    /// <summary><c>InvalidDependencyBlock(uint256 blockNumber)</c></summary>
    public static AbiError InvalidDependencyBlock { get; } = Get(nameof(InvalidDependencyBlock));

    /// <summary><c>InvalidGeneration(uint256 expected, uint256 actual)</c></summary>
    public static AbiError InvalidGeneration { get; } = Get(nameof(InvalidGeneration));

    /// <summary><c>InvalidGenesisInclusion()</c></summary>
    public static AbiError InvalidGenesisInclusion { get; } = Get(nameof(InvalidGenesisInclusion));

    /// <summary><c>InvalidParameter(bytes32 name, uint256 value)</c></summary>
    public static AbiError InvalidParameter { get; } = Get(nameof(InvalidParameter));

    /// <summary><c>InvalidSignature()</c></summary>
    public static AbiError InvalidSignature { get; } = Get(nameof(InvalidSignature));

    /// <summary><c>InvalidSignatureLength(uint256 length)</c></summary>
    public static AbiError InvalidSignatureLength { get; } = Get(nameof(InvalidSignatureLength));

    /// <summary><c>InvalidSignatureS(bytes32 s)</c></summary>
    public static AbiError InvalidSignatureS { get; } = Get(nameof(InvalidSignatureS));

    /// <summary><c>InvalidSignatureV(uint8 v)</c></summary>
    public static AbiError InvalidSignatureV { get; } = Get(nameof(InvalidSignatureV));

    /// <summary><c>NotAContract(address account)</c></summary>
    public static AbiError NotAContract { get; } = Get(nameof(NotAContract));

    /// <summary><c>NotGovernance(address caller)</c></summary>
    public static AbiError NotGovernance { get; } = Get(nameof(NotGovernance));

    /// <summary><c>PublicationNotDirect(address caller)</c></summary>
    public static AbiError PublicationNotDirect { get; } = Get(nameof(PublicationNotDirect));

    /// <summary><c>RollupAlreadyPublished(bytes32 rollupHash)</c></summary>
    public static AbiError RollupAlreadyPublished { get; } = Get(nameof(RollupAlreadyPublished));

    /// <summary><c>SignerNotAggregator(address signer, address aggregator)</c></summary>
    public static AbiError SignerNotAggregator { get; } = Get(nameof(SignerNotAggregator));

    /// <summary><c>UnknownParent(bytes32 parentHash)</c></summary>
    public static AbiError UnknownParent { get; } = Get(nameof(UnknownParent));

    /// <summary><c>UnknownRollup(bytes32 rollupHash)</c></summary>
    public static AbiError UnknownRollup { get; } = Get(nameof(UnknownRollup));

    private static AbiError Get(string name) => RollupManagementContract.Abi.GetError(name);
}
