using Obscuro.Contracts.Abi;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// The custom errors of NetworkManagement (its own, and those of the Signatures and SafeTransfer libraries and the re-entrancy guard),
/// by name, to match a decoded revert with <see cref="ContractErrors.Is(Rpc.ContractRevertException, AbiError)"/>. The
/// arguments are in <see cref="CustomErrorRevert.Arguments"/>, named as in the Solidity declaration.
/// </summary>
public static class NetworkManagementErrors
{
    /// <summary><c>AlreadyUnbonding(address enclaveAddress)</c></summary>
    public static AbiError AlreadyUnbonding { get; } = Get(nameof(AlreadyUnbonding));

    /// <summary><c>AttestationNoLongerAccepted(address enclaveAddress)</c></summary>
    public static AbiError AttestationNoLongerAccepted { get; } = Get(nameof(AttestationNoLongerAccepted));

    /// <summary><c>AuthorityNotAccepted(bytes32 authority)</c></summary>
    public static AbiError AuthorityNotAccepted { get; } = Get(nameof(AuthorityNotAccepted));

    /// <summary><c>BreachStateUnchanged(bool breached)</c></summary>
    public static AbiError BreachStateUnchanged { get; } = Get(nameof(BreachStateUnchanged));

    /// <summary><c>EnclaveAlreadyRegistered(address enclaveAddress)</c></summary>
    public static AbiError EnclaveAlreadyRegistered { get; } = Get(nameof(EnclaveAlreadyRegistered));

    /// <summary><c>EthTransferFailed(address to, uint256 amount)</c></summary>
    public static AbiError EthTransferFailed { get; } = Get(nameof(EthTransferFailed));

    /// <summary><c>IncorrectRegistrationPayment(uint256 required, uint256 paid)</c></summary>
    public static AbiError IncorrectRegistrationPayment { get; } = Get(nameof(IncorrectRegistrationPayment));

    /// <summary><c>IndexOutOfRange(uint256 index, uint256 length)</c></summary>
    public static AbiError IndexOutOfRange { get; } = Get(nameof(IndexOutOfRange));

    /// <summary><c>InsufficientStake(uint256 minimum, uint256 provided)</c></summary>
    public static AbiError InsufficientStake { get; } = Get(nameof(InsufficientStake));

    /// <summary><c>InvalidAttestationLength(uint256 length)</c>: the attestation token is empty or longer than <c>MAX_ATTESTATION_LENGTH</c>.</summary>
    public static AbiError InvalidAttestationLength { get; } = Get(nameof(InvalidAttestationLength));

    /// <summary><c>InvalidEncryptedSeedLength(uint256 length)</c></summary>
    public static AbiError InvalidEncryptedSeedLength { get; } = Get(nameof(InvalidEncryptedSeedLength));

    /// <summary><c>InvalidEndpoint(uint256 length)</c></summary>
    public static AbiError InvalidEndpoint { get; } = Get(nameof(InvalidEndpoint));

    /// <summary><c>InvalidKnowledgeSignature(address recovered, address networkAddress)</c></summary>
    public static AbiError InvalidKnowledgeSignature { get; } = Get(nameof(InvalidKnowledgeSignature));

    /// <summary><c>InvalidParameter(bytes32 name, uint256 value)</c></summary>
    public static AbiError InvalidParameter { get; } = Get(nameof(InvalidParameter));

    /// <summary><c>InvalidPublicKeyLength(uint256 length)</c></summary>
    public static AbiError InvalidPublicKeyLength { get; } = Get(nameof(InvalidPublicKeyLength));

    /// <summary><c>InvalidSignature()</c></summary>
    public static AbiError InvalidSignature { get; } = Get(nameof(InvalidSignature));

    /// <summary><c>InvalidSignatureLength(uint256 length)</c></summary>
    public static AbiError InvalidSignatureLength { get; } = Get(nameof(InvalidSignatureLength));

    /// <summary><c>InvalidSignatureS(bytes32 s)</c></summary>
    public static AbiError InvalidSignatureS { get; } = Get(nameof(InvalidSignatureS));

    /// <summary><c>InvalidSignatureV(uint8 v)</c></summary>
    public static AbiError InvalidSignatureV { get; } = Get(nameof(InvalidSignatureV));

    /// <summary><c>MeasurementNotAccepted(bytes32 measurement)</c></summary>
    public static AbiError MeasurementNotAccepted { get; } = Get(nameof(MeasurementNotAccepted));

    /// <summary><c>InvalidRevealParameters(uint64 xs, uint64 s, uint64 m, uint64 l, uint64 xl, uint8 defaultOption)</c></summary>
    public static AbiError InvalidRevealParameters { get; } = Get(nameof(InvalidRevealParameters));

    /// <summary><c>NetworkAlreadyInitialized()</c></summary>
    public static AbiError NetworkAlreadyInitialized { get; } = Get(nameof(NetworkAlreadyInitialized));

    /// <summary><c>NetworkBreached()</c></summary>
    public static AbiError NetworkBreached { get; } = Get(nameof(NetworkBreached));

    /// <summary><c>NetworkNotInitialized()</c></summary>
    public static AbiError NetworkNotInitialized { get; } = Get(nameof(NetworkNotInitialized));

    /// <summary><c>NodeNotPending(address enclaveAddress, uint8 status)</c></summary>
    public static AbiError NodeNotPending { get; } = Get(nameof(NodeNotPending));

    /// <summary><c>NotAnAggregator(address enclaveAddress)</c></summary>
    public static AbiError NotAnAggregator { get; } = Get(nameof(NotAnAggregator));

    /// <summary><c>NotGovernance(address caller)</c></summary>
    public static AbiError NotGovernance { get; } = Get(nameof(NotGovernance));

    /// <summary><c>NotNodeOperator(address enclaveAddress, address caller)</c></summary>
    public static AbiError NotNodeOperator { get; } = Get(nameof(NotNodeOperator));

    /// <summary><c>NotPendingGovernance(address caller)</c></summary>
    public static AbiError NotPendingGovernance { get; } = Get(nameof(NotPendingGovernance));

    /// <summary><c>NotUnbonding(address enclaveAddress)</c></summary>
    public static AbiError NotUnbonding { get; } = Get(nameof(NotUnbonding));

    /// <summary><c>NothingToWithdraw(address enclaveAddress)</c></summary>
    public static AbiError NothingToWithdraw { get; } = Get(nameof(NothingToWithdraw));

    /// <summary><c>ReentrantCall()</c></summary>
    public static AbiError ReentrantCall { get; } = Get(nameof(ReentrantCall));

    /// <summary><c>ResponderNotEligible(address responder)</c></summary>
    public static AbiError ResponderNotEligible { get; } = Get(nameof(ResponderNotEligible));

    /// <summary><c>SecretAlreadyProvided(address requester)</c></summary>
    public static AbiError SecretAlreadyProvided { get; } = Get(nameof(SecretAlreadyProvided));

    /// <summary><c>SignerMismatch(address expected, address recovered)</c></summary>
    public static AbiError SignerMismatch { get; } = Get(nameof(SignerMismatch));

    /// <summary><c>SlashExceedsStake(uint256 stake, uint256 amount)</c></summary>
    public static AbiError SlashExceedsStake { get; } = Get(nameof(SlashExceedsStake));

    /// <summary><c>UnbondingNotFinished(uint256 withdrawableAtBlock)</c></summary>
    public static AbiError UnbondingNotFinished { get; } = Get(nameof(UnbondingNotFinished));

    /// <summary><c>UnknownNode(address enclaveAddress)</c></summary>
    public static AbiError UnknownNode { get; } = Get(nameof(UnknownNode));

    /// <summary><c>ZeroAddress()</c></summary>
    public static AbiError ZeroAddress { get; } = Get(nameof(ZeroAddress));

    /// <summary><c>ZeroAmount()</c></summary>
    public static AbiError ZeroAmount { get; } = Get(nameof(ZeroAmount));

    private static AbiError Get(string name) => NetworkManagementContract.Abi.GetError(name);
}
