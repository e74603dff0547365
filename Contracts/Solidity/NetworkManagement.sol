// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Signatures} from "./Signatures.sol";
import {SafeTransfer} from "./SafeTransfer.sol";
import {ReentrancyGuard} from "./ReentrancyGuard.sol";
import {INetworkManagementView} from "./Governed.sol";

/// @title NetworkManagement
/// @notice The gatekeeper of an Obscuro network: attestation requirements, node registration and provisioning of the
///         shared secret, aggregator stakes, network parameters, and the one governance address of the contract set.
///         Signed messages are defined in FORMATS.md ("NetworkManagement").
contract NetworkManagement is INetworkManagementView, ReentrancyGuard {
    enum NodeStatus {
        None, // never registered
        Pending, // registered, waiting for the shared secret
        Provisioned // holds the shared secret (initialised the network or received a response)
    }

    struct Node {
        // slot 0
        address operator;
        NodeStatus status;
        bool isAggregator;
        uint40 registeredAt;
        uint40 unbondingSince; // block of requestUnbond; 0 while bonded
        // slots 1..3
        bytes32 measurement;
        bytes32 authority;
        bytes32 attestationHash;
        // slot 4
        uint128 pendingFee; // registration fee held until a responder delivers the secret
        uint128 stake;
        bytes publicKey;
        string endpoint;
        bytes encryptedSeed;
    }

    /// @notice Everything a node needs to know about another node (see `nodeInfo`).
    struct NodeInfo {
        address enclaveAddress;
        address operator;
        NodeStatus status;
        bool isAggregator;
        bool activeAggregator;
        uint256 registeredAt;
        uint256 unbondingSince;
        uint256 stake;
        uint256 pendingFee;
        bytes32 measurement;
        bytes32 authority;
        bytes32 attestationHash;
        bytes publicKey;
        string endpoint;
    }

    struct AggregatorInfo {
        address enclaveAddress;
        address operator;
        string endpoint;
        uint256 stake;
        bool active;
        uint256 unbondingSince;
    }

    bytes32 private constant REGISTER_TAG = keccak256("Obscuro.NetworkManagement.register.v1");
    bytes32 private constant INITIALIZE_TAG = keccak256("Obscuro.NetworkManagement.initialize.v1");
    bytes32 private constant KNOWLEDGE_TAG = keccak256("Obscuro.NetworkManagement.secretKnowledge.v1");
    bytes32 private constant RESPONSE_TAG = keccak256("Obscuro.NetworkManagement.secretResponse.v1");

    uint256 public constant PUBLIC_KEY_LENGTH = 64;
    uint256 public constant MAX_ENDPOINT_LENGTH = 256;
    uint256 public constant MAX_ENCRYPTED_SEED_LENGTH = 512;
    /// @notice Longest attestation token accepted (MAA tokens are a few kilobytes).
    uint256 public constant MAX_ATTESTATION_LENGTH = 32768;

    // ---- governance and parameters ----
    address public governance;
    address public pendingGovernance;
    bool public breached;

    mapping(bytes32 => bool) public acceptedMeasurements;
    mapping(bytes32 => bool) public acceptedAuthorities;
    uint256 public registrationFee;
    uint256 public minimumStake;
    uint256 public unbondingDelay;
    uint256 public l2TransactionFee;

    // ---- network ----
    bool public networkInitialized;

    /// @notice Reveal interval lengths in rollups for XS, S, M, L, XL (index = reveal option), and the reveal option of
    ///         transactions whose contract names none (ETH transfers, withdrawals). All zero until governance sets them.
    ///         They shape the key every rollup group is encrypted under (interval = generation / length), so they are
    ///         fixed once the network is initialised: a later change would move the boundaries of published intervals.
    uint64[5] public revealLengths;
    uint8 public defaultRevealOption;
    bool public revealParametersSet;
    address public networkAddress;
    bytes public networkPublicKey;

    mapping(address => Node) private _nodes;
    address[] private _nodeList;
    address[] private _aggregatorList;
    mapping(address => uint256) private _aggregatorPosition; // 1-based index into _aggregatorList; 0 = absent

    // ---- events ----
    event SecretRequested(
        address indexed enclaveAddress,
        address indexed operator,
        bytes enclavePublicKey,
        bytes32 attestationHash,
        bytes32 measurement,
        bytes32 authority,
        bool isAggregator,
        string endpoint,
        uint256 stake
    );
    event NetworkInitialized(address indexed enclaveAddress, address indexed networkAddress, bytes networkPublicKey);
    event SecretResponded(
        address indexed requester, address indexed responder, address indexed responderOperator, uint256 fee
    );
    event StakeAdded(address indexed enclaveAddress, uint256 amount, uint256 stake);
    event UnbondRequested(address indexed enclaveAddress, uint256 withdrawableAtBlock);
    event StakeWithdrawn(address indexed enclaveAddress, address indexed operator, uint256 amount);
    event Slashed(address indexed enclaveAddress, address indexed recipient, uint256 amount, uint256 remainingStake);
    event EndpointChanged(address indexed enclaveAddress, string endpoint);
    event MeasurementAcceptanceChanged(bytes32 indexed measurement, bool accepted);
    event AuthorityAcceptanceChanged(bytes32 indexed authority, bool accepted);
    event ParameterChanged(bytes32 indexed name, uint256 value);
    event RevealParametersSet(uint64 xs, uint64 s, uint64 m, uint64 l, uint64 xl, uint8 defaultOption);
    event BreachDeclared(address indexed by);
    event BreachCleared(address indexed by);
    event GovernanceTransferStarted(address indexed current, address indexed pending);
    event GovernanceTransferred(address indexed previous, address indexed current);

    // ---- errors ----
    error NotGovernance(address caller);
    error NotPendingGovernance(address caller);
    error ZeroAddress();
    error InvalidParameter(bytes32 name, uint256 value);
    error BreachStateUnchanged(bool breached);
    error InvalidPublicKeyLength(uint256 length);
    error EnclaveAlreadyRegistered(address enclaveAddress);
    error MeasurementNotAccepted(bytes32 measurement);
    error AuthorityNotAccepted(bytes32 authority);
    error InvalidAttestationLength(uint256 length);
    error InvalidEndpoint(uint256 length);
    error IncorrectRegistrationPayment(uint256 required, uint256 paid);
    error InsufficientStake(uint256 minimum, uint256 provided);
    error SignerMismatch(address expected, address recovered);
    error UnknownNode(address enclaveAddress);
    error NotNodeOperator(address enclaveAddress, address caller);
    error NodeNotPending(address enclaveAddress, NodeStatus status);
    error NetworkAlreadyInitialized();
    error InvalidRevealParameters(uint64 xs, uint64 s, uint64 m, uint64 l, uint64 xl, uint8 defaultOption);
    error NetworkNotInitialized();
    error AttestationNoLongerAccepted(address enclaveAddress);
    error InvalidEncryptedSeedLength(uint256 length);
    error SecretAlreadyProvided(address requester);
    error InvalidKnowledgeSignature(address recovered, address networkAddress);
    error ResponderNotEligible(address responder);
    error NotAnAggregator(address enclaveAddress);
    error AlreadyUnbonding(address enclaveAddress);
    error NotUnbonding(address enclaveAddress);
    error UnbondingNotFinished(uint256 withdrawableAtBlock);
    error NothingToWithdraw(address enclaveAddress);
    error SlashExceedsStake(uint256 stake, uint256 amount);
    error NetworkBreached();
    error ZeroAmount();
    error IndexOutOfRange(uint256 index, uint256 length);

    modifier onlyGovernance() {
        if (msg.sender != governance) revert NotGovernance(msg.sender);
        _;
    }

    /// @param governance_ the governance address of the whole contract set
    /// @param measurements enclave measurements accepted from the start
    /// @param authorities attestation authority key ids accepted from the start
    /// @param registrationFee_ fee (wei) every node pays; it goes to the first node that delivers the secret
    /// @param minimumStake_ minimum stake (wei) an aggregator locks
    /// @param unbondingDelay_ L1 blocks between `requestUnbond` and `withdrawStake`
    /// @param l2TransactionFee_ the L2 transaction fee the enclaves read (L2 wei per gas unit; opaque to the L1)
    constructor(
        address governance_,
        bytes32[] memory measurements,
        bytes32[] memory authorities,
        uint256 registrationFee_,
        uint256 minimumStake_,
        uint256 unbondingDelay_,
        uint256 l2TransactionFee_
    ) {
        if (governance_ == address(0)) revert ZeroAddress();
        governance = governance_;
        emit GovernanceTransferred(address(0), governance_);
        for (uint256 i = 0; i < measurements.length; ++i) _setMeasurement(measurements[i], true);
        for (uint256 i = 0; i < authorities.length; ++i) _setAuthority(authorities[i], true);
        _setRegistrationFee(registrationFee_);
        _setMinimumStake(minimumStake_);
        _setUnbondingDelay(unbondingDelay_);
        l2TransactionFee = l2TransactionFee_;
        emit ParameterChanged("l2TransactionFee", l2TransactionFee_);
    }

    // =====================================================================================================
    // Registration and the shared secret
    // =====================================================================================================

    /// @notice Registers an enclave and asks the network for the shared secret. Pays `registrationFee`; an aggregator
    ///         also sends its stake (`msg.value - registrationFee`, at least `minimumStake`). A non-aggregator sends
    ///         exactly the fee. `enclaveSignature` is the enclave key's signature over `registerDigest(...)`, whose
    ///         `attestationHash` is `keccak256(attestationToken)`. The contract cannot verify the token (an RS256 JWT);
    ///         it only stores its hash. The token travels in this call's input, where every provisioned enclave reads
    ///         it from the verified L1 block and validates it before it shares the secret.
    function register(
        bytes calldata enclavePublicKey,
        bytes calldata attestationToken,
        bytes32 measurement,
        bytes32 authority,
        bool isAggregator,
        string calldata endpoint,
        bytes calldata enclaveSignature
    ) external payable returns (address enclaveAddress) {
        if (attestationToken.length == 0 || attestationToken.length > MAX_ATTESTATION_LENGTH) {
            revert InvalidAttestationLength(attestationToken.length);
        }
        // A separate frame: the token's calldata slice and the body's locals do not fit one EVM stack window.
        return _register(
            enclavePublicKey, keccak256(attestationToken), measurement, authority, isAggregator, endpoint, enclaveSignature
        );
    }

    function _register(
        bytes calldata enclavePublicKey,
        bytes32 attestationHash,
        bytes32 measurement,
        bytes32 authority,
        bool isAggregator,
        string calldata endpoint,
        bytes calldata enclaveSignature
    ) private returns (address enclaveAddress) {
        if (enclavePublicKey.length != PUBLIC_KEY_LENGTH) revert InvalidPublicKeyLength(enclavePublicKey.length);
        enclaveAddress = Signatures.addressOf(enclavePublicKey);
        if (_nodes[enclaveAddress].status != NodeStatus.None) revert EnclaveAlreadyRegistered(enclaveAddress);
        if (!acceptedMeasurements[measurement]) revert MeasurementNotAccepted(measurement);
        if (!acceptedAuthorities[authority]) revert AuthorityNotAccepted(authority);
        uint256 endpointLength = bytes(endpoint).length;
        if (endpointLength > MAX_ENDPOINT_LENGTH || (isAggregator && endpointLength == 0)) {
            revert InvalidEndpoint(endpointLength);
        }
        uint256 stake = _checkPayment(isAggregator);

        bytes32 digest =
            registerDigest(msg.sender, enclavePublicKey, attestationHash, measurement, authority, isAggregator, endpoint);
        address signer = Signatures.recover(digest, enclaveSignature);
        if (signer != enclaveAddress) revert SignerMismatch(enclaveAddress, signer);

        Node storage node = _nodes[enclaveAddress];
        node.operator = msg.sender;
        node.status = NodeStatus.Pending;
        node.isAggregator = isAggregator;
        node.registeredAt = uint40(block.number);
        node.measurement = measurement;
        node.authority = authority;
        node.attestationHash = attestationHash;
        node.pendingFee = uint128(msg.value - stake);
        node.stake = uint128(stake);
        node.publicKey = enclavePublicKey;
        node.endpoint = endpoint;
        _nodeList.push(enclaveAddress);
        if (isAggregator) {
            _aggregatorList.push(enclaveAddress);
            _aggregatorPosition[enclaveAddress] = _aggregatorList.length;
        }
        _emitSecretRequested(enclaveAddress, node);
    }

    /// @notice Stores the network public key and the master seed encrypted to the first node's enclave key. Once,
    ///         only by that node's operator, only while the node is pending and its attestation is still accepted.
    ///         The node's registration fee is refunded (nobody else delivered a secret to it).
    function initializeNetwork(
        address enclaveAddress,
        bytes calldata networkKey,
        bytes calldata encryptedSeed,
        bytes calldata enclaveSignature,
        bytes calldata networkSignature
    ) external nonReentrant {
        if (networkInitialized) revert NetworkAlreadyInitialized();
        Node storage node = _pendingNode(enclaveAddress);
        if (node.operator != msg.sender) revert NotNodeOperator(enclaveAddress, msg.sender);
        if (networkKey.length != PUBLIC_KEY_LENGTH) revert InvalidPublicKeyLength(networkKey.length);
        _checkSeedLength(encryptedSeed);

        bytes32 digest = initializeDigest(enclaveAddress, networkKey, encryptedSeed);
        address signer = Signatures.recover(digest, enclaveSignature);
        if (signer != enclaveAddress) revert SignerMismatch(enclaveAddress, signer);
        address network = Signatures.addressOf(networkKey);
        signer = Signatures.recover(digest, networkSignature);
        if (signer != network) revert SignerMismatch(network, signer);

        networkInitialized = true;
        networkAddress = network;
        networkPublicKey = networkKey;
        node.status = NodeStatus.Provisioned;
        node.encryptedSeed = encryptedSeed;
        uint256 refund = node.pendingFee;
        node.pendingFee = 0;
        emit NetworkInitialized(enclaveAddress, network, networkKey);
        if (refund != 0) SafeTransfer.sendEth(node.operator, refund);
    }

    /// @notice Delivers the master seed, encrypted to a pending node's enclave key. `knowledgeSignature` (by the network
    ///         key) proves knowledge of the seed; `responderSignature` (by a provisioned node's enclave key) names the
    ///         responder, whose operator receives the requester's registration fee. Only the first valid response
    ///         counts. Anyone may submit the transaction.
    function respondSecret(
        address requester,
        bytes calldata encryptedSeed,
        bytes calldata knowledgeSignature,
        bytes calldata responderSignature
    ) external nonReentrant {
        if (!networkInitialized) revert NetworkNotInitialized();
        Node storage node = _nodes[requester];
        if (node.status == NodeStatus.Provisioned) revert SecretAlreadyProvided(requester);
        node = _pendingNode(requester);
        _checkSeedLength(encryptedSeed);

        address recovered = Signatures.recover(secretKnowledgeDigest(requester, encryptedSeed), knowledgeSignature);
        if (recovered != networkAddress) revert InvalidKnowledgeSignature(recovered, networkAddress);
        address responder = Signatures.recover(secretResponseDigest(requester, encryptedSeed), responderSignature);
        Node storage responderNode = _nodes[responder];
        if (responderNode.status != NodeStatus.Provisioned || !_attestationAccepted(responderNode)) {
            revert ResponderNotEligible(responder);
        }

        node.status = NodeStatus.Provisioned;
        node.encryptedSeed = encryptedSeed;
        uint256 fee = node.pendingFee;
        node.pendingFee = 0;
        address payee = responderNode.operator;
        emit SecretResponded(requester, responder, payee, fee);
        if (fee != 0) SafeTransfer.sendEth(payee, fee);
    }

    /// @notice Changes a node's gossip endpoint. Only its operator.
    function setEndpoint(address enclaveAddress, string calldata endpoint) external {
        Node storage node = _operatedNode(enclaveAddress);
        uint256 length = bytes(endpoint).length;
        if (length > MAX_ENDPOINT_LENGTH || (node.isAggregator && length == 0)) revert InvalidEndpoint(length);
        node.endpoint = endpoint;
        emit EndpointChanged(enclaveAddress, endpoint);
    }

    // =====================================================================================================
    // Stakes
    // =====================================================================================================

    /// @notice Adds to an aggregator's stake (e.g. after `minimumStake` was raised). Only its operator, only while bonded.
    function addStake(address enclaveAddress) external payable {
        Node storage node = _operatedNode(enclaveAddress);
        if (!node.isAggregator) revert NotAnAggregator(enclaveAddress);
        if (node.unbondingSince != 0) revert AlreadyUnbonding(enclaveAddress);
        if (msg.value == 0) revert ZeroAmount();
        uint256 stake = uint256(node.stake) + msg.value;
        node.stake = uint128(stake);
        emit StakeAdded(enclaveAddress, msg.value, stake);
    }

    /// @notice Starts unbonding: from now on the aggregator is not active. The stake can be withdrawn
    ///         `unbondingDelay` blocks later (the delay in force at withdrawal time applies). Only its operator.
    function requestUnbond(address enclaveAddress) external {
        Node storage node = _operatedNode(enclaveAddress);
        if (!node.isAggregator) revert NotAnAggregator(enclaveAddress);
        if (node.unbondingSince != 0) revert AlreadyUnbonding(enclaveAddress);
        node.unbondingSince = uint40(block.number);
        emit UnbondRequested(enclaveAddress, block.number + unbondingDelay);
    }

    /// @notice Pays an unbonded aggregator's stake to its operator and removes it from the aggregator list.
    function withdrawStake(address enclaveAddress) external nonReentrant {
        if (breached) revert NetworkBreached();
        Node storage node = _operatedNode(enclaveAddress);
        if (node.unbondingSince == 0) revert NotUnbonding(enclaveAddress);
        uint256 withdrawableAt = uint256(node.unbondingSince) + unbondingDelay;
        if (block.number < withdrawableAt) revert UnbondingNotFinished(withdrawableAt);
        uint256 amount = node.stake;
        if (amount == 0) revert NothingToWithdraw(enclaveAddress);
        node.stake = 0;
        _removeAggregator(enclaveAddress);
        emit StakeWithdrawn(enclaveAddress, node.operator, amount);
        SafeTransfer.sendEth(node.operator, amount);
    }

    // =====================================================================================================
    // Governance
    // =====================================================================================================

    function setMeasurementAccepted(bytes32 measurement, bool accepted) external onlyGovernance {
        _setMeasurement(measurement, accepted);
    }

    function setAuthorityAccepted(bytes32 authority, bool accepted) external onlyGovernance {
        _setAuthority(authority, accepted);
    }

    function setRegistrationFee(uint256 fee) external onlyGovernance {
        _setRegistrationFee(fee);
    }

    function setMinimumStake(uint256 stake) external onlyGovernance {
        _setMinimumStake(stake);
    }

    function setUnbondingDelay(uint256 blocks) external onlyGovernance {
        _setUnbondingDelay(blocks);
    }

    /// @notice Sets the reveal interval lengths (rollups; positive, non-decreasing from XS to XL) and the default reveal
    ///         option (0 = XS … 4 = XL). Only before the network is initialised; reverts `NetworkAlreadyInitialized` after.
    function setRevealParameters(uint64 xs, uint64 s, uint64 m, uint64 l, uint64 xl, uint8 defaultOption) external onlyGovernance {
        if (networkInitialized) revert NetworkAlreadyInitialized();
        if (xs == 0 || s < xs || m < s || l < m || xl < l || defaultOption > 4) {
            revert InvalidRevealParameters(xs, s, m, l, xl, defaultOption);
        }
        revealLengths = [xs, s, m, l, xl];
        defaultRevealOption = defaultOption;
        revealParametersSet = true;
        emit RevealParametersSet(xs, s, m, l, xl, defaultOption);
    }

    function setL2TransactionFee(uint256 fee) external onlyGovernance {
        l2TransactionFee = fee;
        emit ParameterChanged("l2TransactionFee", fee);
    }

    /// @notice Takes `amount` of an aggregator's stake (bonded or unbonding) and sends it to `recipient`. An aggregator
    ///         slashed to zero leaves the aggregator list and counts as unbonding from then on, so it stays inactive
    ///         even if the minimum stake is later lowered to zero.
    function slash(address enclaveAddress, uint256 amount, address recipient) external onlyGovernance nonReentrant {
        if (recipient == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        Node storage node = _nodes[enclaveAddress];
        if (node.status == NodeStatus.None) revert UnknownNode(enclaveAddress);
        uint256 stake = node.stake;
        if (amount > stake) revert SlashExceedsStake(stake, amount);
        node.stake = uint128(stake - amount);
        if (stake == amount) {
            _removeAggregator(enclaveAddress); // nothing left to withdraw
            if (node.unbondingSince == 0) node.unbondingSince = uint40(block.number);
        }
        emit Slashed(enclaveAddress, recipient, amount, stake - amount);
        SafeTransfer.sendEth(recipient, amount);
    }

    /// @notice Declares a security breach: the bridge stops deposits and withdrawals, and stakes cannot be withdrawn.
    function declareBreach() external onlyGovernance {
        if (breached) revert BreachStateUnchanged(true);
        breached = true;
        emit BreachDeclared(msg.sender);
    }

    function clearBreach() external onlyGovernance {
        if (!breached) revert BreachStateUnchanged(false);
        breached = false;
        emit BreachCleared(msg.sender);
    }

    /// @notice First step of handing governance of the whole contract set to `newGovernance`; it must call
    ///         `acceptGovernance`. Passing the zero address cancels a pending transfer.
    function transferGovernance(address newGovernance) external onlyGovernance {
        pendingGovernance = newGovernance;
        emit GovernanceTransferStarted(msg.sender, newGovernance);
    }

    function acceptGovernance() external {
        if (msg.sender != pendingGovernance || msg.sender == address(0)) revert NotPendingGovernance(msg.sender);
        emit GovernanceTransferred(governance, msg.sender);
        governance = msg.sender;
        pendingGovernance = address(0);
    }

    // =====================================================================================================
    // Views
    // =====================================================================================================

    /// @notice True if the node may publish rollups now: registered as an aggregator, provisioned, bonded (not
    ///         unbonding), stake at least the current minimum, and its measurement and authority still accepted.
    function isActiveAggregator(address enclaveAddress) public view returns (bool) {
        Node storage node = _nodes[enclaveAddress];
        return node.isAggregator && node.status == NodeStatus.Provisioned && node.unbondingSince == 0
            && node.stake >= minimumStake && _attestationAccepted(node);
    }

    function isProvisioned(address enclaveAddress) external view returns (bool) {
        return _nodes[enclaveAddress].status == NodeStatus.Provisioned;
    }

    function nodeInfo(address enclaveAddress) external view returns (NodeInfo memory info) {
        Node storage node = _nodes[enclaveAddress];
        info = NodeInfo({
            enclaveAddress: enclaveAddress,
            operator: node.operator,
            status: node.status,
            isAggregator: node.isAggregator,
            activeAggregator: isActiveAggregator(enclaveAddress),
            registeredAt: node.registeredAt,
            unbondingSince: node.unbondingSince,
            stake: node.stake,
            pendingFee: node.pendingFee,
            measurement: node.measurement,
            authority: node.authority,
            attestationHash: node.attestationHash,
            publicKey: node.publicKey,
            endpoint: node.endpoint
        });
    }

    /// @notice The master seed encrypted to `enclaveAddress`'s enclave key (empty until provisioned).
    function encryptedSeedOf(address enclaveAddress) external view returns (bytes memory) {
        return _nodes[enclaveAddress].encryptedSeed;
    }

    function nodeCount() external view returns (uint256) {
        return _nodeList.length;
    }

    function nodeAt(uint256 index) external view returns (address) {
        if (index >= _nodeList.length) revert IndexOutOfRange(index, _nodeList.length);
        return _nodeList[index];
    }

    /// @notice Number of aggregators that still hold a stake (bonded or unbonding).
    function aggregatorCount() external view returns (uint256) {
        return _aggregatorList.length;
    }

    function aggregatorAt(uint256 index) external view returns (address) {
        if (index >= _aggregatorList.length) revert IndexOutOfRange(index, _aggregatorList.length);
        return _aggregatorList[index];
    }

    /// @notice Every aggregator that still holds a stake, with endpoint, stake and whether it is active now.
    function aggregators() external view returns (AggregatorInfo[] memory list) {
        uint256 count = _aggregatorList.length;
        list = new AggregatorInfo[](count);
        for (uint256 i = 0; i < count; ++i) {
            address enclaveAddress = _aggregatorList[i];
            Node storage node = _nodes[enclaveAddress];
            list[i] = AggregatorInfo({
                enclaveAddress: enclaveAddress,
                operator: node.operator,
                endpoint: node.endpoint,
                stake: node.stake,
                active: isActiveAggregator(enclaveAddress),
                unbondingSince: node.unbondingSince
            });
        }
    }

    // ---- signing digests (FORMATS.md); public so that both sides can check their vectors ----

    function registerDigest(
        address operator,
        bytes calldata enclavePublicKey,
        bytes32 attestationHash,
        bytes32 measurement,
        bytes32 authority,
        bool isAggregator,
        string calldata endpoint
    ) public view returns (bytes32) {
        return keccak256(
            abi.encode(
                REGISTER_TAG,
                block.chainid,
                address(this),
                operator,
                keccak256(enclavePublicKey),
                attestationHash,
                measurement,
                authority,
                isAggregator,
                keccak256(bytes(endpoint))
            )
        );
    }

    function initializeDigest(address enclaveAddress, bytes calldata networkKey, bytes calldata encryptedSeed)
        public
        view
        returns (bytes32)
    {
        return keccak256(
            abi.encode(
                INITIALIZE_TAG,
                block.chainid,
                address(this),
                enclaveAddress,
                keccak256(networkKey),
                keccak256(encryptedSeed)
            )
        );
    }

    function secretKnowledgeDigest(address requester, bytes calldata encryptedSeed) public view returns (bytes32) {
        return keccak256(abi.encode(KNOWLEDGE_TAG, block.chainid, address(this), requester, keccak256(encryptedSeed)));
    }

    function secretResponseDigest(address requester, bytes calldata encryptedSeed) public view returns (bytes32) {
        return keccak256(abi.encode(RESPONSE_TAG, block.chainid, address(this), requester, keccak256(encryptedSeed)));
    }

    // =====================================================================================================
    // Internals
    // =====================================================================================================

    function _emitSecretRequested(address enclaveAddress, Node storage node) private {
        emit SecretRequested(
            enclaveAddress,
            node.operator,
            node.publicKey,
            node.attestationHash,
            node.measurement,
            node.authority,
            node.isAggregator,
            node.endpoint,
            node.stake
        );
    }

    function _checkPayment(bool isAggregator) private view returns (uint256 stake) {
        uint256 fee = registrationFee;
        if (!isAggregator) {
            if (msg.value != fee) revert IncorrectRegistrationPayment(fee, msg.value);
            return 0;
        }
        if (msg.value < fee) revert IncorrectRegistrationPayment(fee, msg.value);
        stake = msg.value - fee;
        if (stake < minimumStake) revert InsufficientStake(minimumStake, stake);
    }

    function _pendingNode(address enclaveAddress) private view returns (Node storage node) {
        node = _nodes[enclaveAddress];
        if (node.status == NodeStatus.None) revert UnknownNode(enclaveAddress);
        if (node.status != NodeStatus.Pending) revert NodeNotPending(enclaveAddress, node.status);
        if (!_attestationAccepted(node)) revert AttestationNoLongerAccepted(enclaveAddress);
    }

    function _operatedNode(address enclaveAddress) private view returns (Node storage node) {
        node = _nodes[enclaveAddress];
        if (node.status == NodeStatus.None) revert UnknownNode(enclaveAddress);
        if (node.operator != msg.sender) revert NotNodeOperator(enclaveAddress, msg.sender);
    }

    function _attestationAccepted(Node storage node) private view returns (bool) {
        return acceptedMeasurements[node.measurement] && acceptedAuthorities[node.authority];
    }

    function _checkSeedLength(bytes calldata encryptedSeed) private pure {
        if (encryptedSeed.length == 0 || encryptedSeed.length > MAX_ENCRYPTED_SEED_LENGTH) {
            revert InvalidEncryptedSeedLength(encryptedSeed.length);
        }
    }

    function _removeAggregator(address enclaveAddress) private {
        uint256 position = _aggregatorPosition[enclaveAddress];
        if (position == 0) return;
        uint256 last = _aggregatorList.length;
        if (position != last) {
            address moved = _aggregatorList[last - 1];
            _aggregatorList[position - 1] = moved;
            _aggregatorPosition[moved] = position;
        }
        _aggregatorList.pop();
        delete _aggregatorPosition[enclaveAddress];
    }

    function _setMeasurement(bytes32 measurement, bool accepted) private {
        if (measurement == bytes32(0)) revert InvalidParameter("measurement", 0);
        acceptedMeasurements[measurement] = accepted;
        emit MeasurementAcceptanceChanged(measurement, accepted);
    }

    function _setAuthority(bytes32 authority, bool accepted) private {
        if (authority == bytes32(0)) revert InvalidParameter("authority", 0);
        acceptedAuthorities[authority] = accepted;
        emit AuthorityAcceptanceChanged(authority, accepted);
    }

    function _setRegistrationFee(uint256 fee) private {
        if (fee > type(uint128).max) revert InvalidParameter("registrationFee", fee);
        registrationFee = fee;
        emit ParameterChanged("registrationFee", fee);
    }

    function _setMinimumStake(uint256 stake) private {
        if (stake > type(uint128).max) revert InvalidParameter("minimumStake", stake);
        minimumStake = stake;
        emit ParameterChanged("minimumStake", stake);
    }

    function _setUnbondingDelay(uint256 blocks) private {
        if (blocks > type(uint32).max) revert InvalidParameter("unbondingDelay", blocks);
        unbondingDelay = blocks;
        emit ParameterChanged("unbondingDelay", blocks);
    }
}
