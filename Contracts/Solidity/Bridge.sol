// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Withdrawal, WithdrawalState} from "./L1Types.sol";
import {Governed} from "./Governed.sol";
import {ReentrancyGuard} from "./ReentrancyGuard.sol";
import {SafeTransfer} from "./SafeTransfer.sol";

/// @notice What the bridge reads from RollupManagement.
interface IRollupFinality {
    function withdrawalStatus(bytes32 rollupHash)
        external
        view
        returns (WithdrawalState state, uint256 payableAtBlock, uint256 forkSince);
    function withdrawalsHashOf(bytes32 rollupHash) external view returns (bytes32);
}

/// @title Bridge
/// @notice Holds the L1 assets of the L2: deposits of ETH and allow-listed ERC-20 tokens, and payment of the
///         withdrawals listed in rollup headers once RollupManagement says they are final (FORMATS.md, "Bridge").
///         The bridge never pays more of a token than was deposited and not yet withdrawn (`held`).
contract Bridge is Governed, ReentrancyGuard {
    struct TokenConfig {
        bool allowed;
        uint8 revealOption; // 0 = XS, 1 = S, 2 = M, 3 = L, 4 = XL
    }

    enum SkipReason {
        InsufficientFunds,
        InvalidRecipient,
        TransferFailed
    }

    uint8 public constant MAX_REVEAL_OPTION = 4;
    /// @dev Gas given to each recipient in `finalizeWithdrawals`; a recipient that needs more uses finalizeWithdrawal.
    uint256 public constant BATCH_ETH_GAS = 100_000;
    uint256 public constant BATCH_TOKEN_GAS = 200_000;

    IRollupFinality public immutable rollupManagement;

    mapping(address => TokenConfig) public tokens;
    /// @notice Per token (address(0) = ETH): deposited minus withdrawn. Payouts never exceed it.
    mapping(address => uint256) public held;
    /// @notice Number of deposits so far; the next deposit gets this id.
    uint256 public depositCount;
    mapping(bytes32 => mapping(uint256 => uint256)) private _paidBits;

    event Deposit(
        uint256 indexed depositId, address indexed l1Sender, address indexed l2Recipient, address token, uint256 amount
    );
    event WithdrawalFinalized(
        bytes32 indexed rollupHash, uint256 indexed index, address indexed recipient, address token, uint256 amount
    );
    event WithdrawalSkipped(bytes32 indexed rollupHash, uint256 indexed index, SkipReason reason);
    event TokenAllowListChanged(address indexed token, bool allowed, uint8 revealOption);

    error BridgeBreached();
    error ZeroAmount();
    error InvalidL2Recipient();
    error TokenNotAllowed(address token);
    error InvalidRevealOption(uint8 revealOption);
    error UnexpectedBalanceChange(address token, uint256 expected, uint256 received);
    error RollupUnknown(bytes32 rollupHash);
    error RollupNotCanonical(bytes32 rollupHash);
    error WithdrawalsLocked(uint256 forkSince);
    error WithdrawalNotYetPayable(uint256 payableAtBlock);
    error WithdrawalListMismatch(bytes32 rollupHash, bytes32 expected, bytes32 actual);
    error WithdrawalIndexOutOfRange(uint256 index, uint256 count);
    error WithdrawalAlreadyPaid(bytes32 rollupHash, uint256 index);
    error InvalidWithdrawalRecipient(uint256 index);
    error InsufficientBridgeFunds(address token, uint256 requested, uint256 held);

    /// @param networkManagement_ the NetworkManagement contract (governance and breach flag)
    /// @param rollupManagement_ the RollupManagement contract (withdrawal lists and finality)
    constructor(address networkManagement_, address rollupManagement_) Governed(networkManagement_) {
        if (rollupManagement_.code.length == 0) revert NotAContract(rollupManagement_);
        rollupManagement = IRollupFinality(rollupManagement_);
    }

    // =====================================================================================================
    // Deposits
    // =====================================================================================================

    function depositETH(address l2Recipient) external payable nonReentrant {
        if (networkManagement.breached()) revert BridgeBreached();
        if (msg.value == 0) revert ZeroAmount();
        if (l2Recipient == address(0)) revert InvalidL2Recipient();
        held[address(0)] += msg.value;
        emit Deposit(depositCount++, msg.sender, l2Recipient, address(0), msg.value);
    }

    /// @notice Deposits an allow-listed token (the caller must have approved `amount`). The amount credited (and in
    ///         the event) is what the bridge's balance actually grew by, so fee-on-transfer tokens credit less.
    function depositToken(address token, uint256 amount, address l2Recipient) external nonReentrant {
        if (networkManagement.breached()) revert BridgeBreached();
        if (!tokens[token].allowed) revert TokenNotAllowed(token);
        if (amount == 0) revert ZeroAmount();
        if (l2Recipient == address(0)) revert InvalidL2Recipient();
        uint256 before = SafeTransfer.balanceOf(token, address(this));
        SafeTransfer.transferFrom(token, msg.sender, address(this), amount);
        uint256 received = SafeTransfer.balanceOf(token, address(this)) - before;
        if (received == 0 || received > amount) revert UnexpectedBalanceChange(token, amount, received);
        held[token] += received;
        emit Deposit(depositCount++, msg.sender, l2Recipient, token, received);
    }

    // =====================================================================================================
    // Withdrawals
    // =====================================================================================================

    /// @notice Pays withdrawal `index` of a final rollup to its recipient. `withdrawals` is the rollup's complete
    ///         withdrawal list (from the header in the publishing transaction, or the RollupPublished event); it must
    ///         hash to the stored withdrawals hash. Anyone may call; the recipient gets the funds, with all the gas.
    function finalizeWithdrawal(bytes32 rollupHash, uint256 index, Withdrawal[] calldata withdrawals)
        external
        nonReentrant
    {
        _requirePayable(rollupHash, withdrawals);
        if (index >= withdrawals.length) revert WithdrawalIndexOutOfRange(index, withdrawals.length);
        if (isWithdrawalPaid(rollupHash, index)) revert WithdrawalAlreadyPaid(rollupHash, index);
        Withdrawal calldata w = withdrawals[index];
        if (w.recipient == address(0)) revert InvalidWithdrawalRecipient(index);
        uint256 available = held[w.token];
        if (w.amount > available) revert InsufficientBridgeFunds(w.token, w.amount, available);

        _setPaid(rollupHash, index);
        held[w.token] = available - w.amount;
        emit WithdrawalFinalized(rollupHash, index, w.recipient, w.token, w.amount);
        if (w.token == address(0)) SafeTransfer.sendEth(w.recipient, w.amount);
        else SafeTransfer.transfer(w.token, w.recipient, w.amount);
    }

    /// @notice Pays every unpaid withdrawal of a final rollup, best effort: entries that cannot be paid now
    ///         (insufficient funds, zero recipient, a recipient or token that fails within the gas given) are skipped
    ///         with a WithdrawalSkipped event and stay payable later. Returns how many were paid.
    function finalizeWithdrawals(bytes32 rollupHash, Withdrawal[] calldata withdrawals)
        external
        nonReentrant
        returns (uint256 paid)
    {
        _requirePayable(rollupHash, withdrawals);
        for (uint256 i = 0; i < withdrawals.length; ++i) {
            if (isWithdrawalPaid(rollupHash, i)) continue;
            Withdrawal calldata w = withdrawals[i];
            if (w.recipient == address(0)) {
                emit WithdrawalSkipped(rollupHash, i, SkipReason.InvalidRecipient);
                continue;
            }
            uint256 available = held[w.token];
            if (w.amount > available) {
                emit WithdrawalSkipped(rollupHash, i, SkipReason.InsufficientFunds);
                continue;
            }
            _setPaid(rollupHash, i);
            held[w.token] = available - w.amount;
            bool ok = w.token == address(0)
                ? SafeTransfer.trySendEth(w.recipient, w.amount, BATCH_ETH_GAS)
                : SafeTransfer.tryTransfer(w.token, w.recipient, w.amount, BATCH_TOKEN_GAS);
            if (ok) {
                emit WithdrawalFinalized(rollupHash, i, w.recipient, w.token, w.amount);
                ++paid;
            } else {
                _clearPaid(rollupHash, i);
                held[w.token] += w.amount;
                emit WithdrawalSkipped(rollupHash, i, SkipReason.TransferFailed);
            }
        }
    }

    // =====================================================================================================
    // Governance
    // =====================================================================================================

    /// @notice Allow-lists a token for deposits with its reveal option (0 = XS … 4 = XL), or removes it
    ///         (`allowed == false`; withdrawals of it still pay from what is held).
    function setTokenAllowed(address token, bool allowed, uint8 revealOption) external onlyGovernance {
        if (token.code.length == 0) revert NotAContract(token);
        if (revealOption > MAX_REVEAL_OPTION) revert InvalidRevealOption(revealOption);
        tokens[token] = TokenConfig(allowed, revealOption);
        emit TokenAllowListChanged(token, allowed, revealOption);
    }

    // =====================================================================================================
    // Views
    // =====================================================================================================

    function isWithdrawalPaid(bytes32 rollupHash, uint256 index) public view returns (bool) {
        return (_paidBits[rollupHash][index >> 8] >> (index & 0xff)) & 1 == 1;
    }

    /// @notice The rollup's withdrawal state as the bridge sees it (Locked also while a breach is declared).
    function withdrawalState(bytes32 rollupHash)
        external
        view
        returns (WithdrawalState state, uint256 payableAtBlock, uint256 forkSince)
    {
        (state, payableAtBlock, forkSince) = rollupManagement.withdrawalStatus(rollupHash);
        if (state != WithdrawalState.Unknown && networkManagement.breached()) state = WithdrawalState.Locked;
    }

    // =====================================================================================================
    // Internals
    // =====================================================================================================

    function _requirePayable(bytes32 rollupHash, Withdrawal[] calldata withdrawals) private view {
        if (networkManagement.breached()) revert BridgeBreached();
        (WithdrawalState state, uint256 payableAt, uint256 forkSince) = rollupManagement.withdrawalStatus(rollupHash);
        if (state == WithdrawalState.Unknown) revert RollupUnknown(rollupHash);
        if (state == WithdrawalState.Locked) revert WithdrawalsLocked(forkSince);
        if (state == WithdrawalState.NotCanonical) revert RollupNotCanonical(rollupHash);
        if (state == WithdrawalState.Waiting) revert WithdrawalNotYetPayable(payableAt);
        bytes32 expected = rollupManagement.withdrawalsHashOf(rollupHash);
        bytes32 actual = keccak256(abi.encode(withdrawals));
        if (expected != actual) revert WithdrawalListMismatch(rollupHash, expected, actual);
    }

    function _setPaid(bytes32 rollupHash, uint256 index) private {
        _paidBits[rollupHash][index >> 8] |= uint256(1) << (index & 0xff);
    }

    function _clearPaid(bytes32 rollupHash, uint256 index) private {
        _paidBits[rollupHash][index >> 8] &= ~(uint256(1) << (index & 0xff));
    }
}
