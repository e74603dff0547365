// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

// Types shared by the management contracts. Their byte layouts and hashes are defined in FORMATS.md.

/// @notice One payout the bridge may make for a rollup. `token == address(0)` means ETH.
struct Withdrawal {
    address recipient;
    address token;
    uint256 amount;
}

/// @notice One reward-pool payment decided by a rollup (credited on L2; the L1 only binds it into the rollup hash).
struct Reward {
    address recipient;
    uint256 amount;
}

/// @notice The public header of a rollup, signed by the producing enclave (see FORMATS.md, "RollupManagement").
struct RollupHeader {
    bytes32 parentHash;
    uint64 generation;
    uint64 inclusionBlockNumber;
    bytes32 inclusionBlockHash;
    uint64 dependencyBlockNumber;
    bytes32 dependencyBlockHash;
    address aggregator;
    uint256 nonce;
    bytes32 stateCommitment;
    bytes32 blobHash;
    bytes encryptedLayout;
    Withdrawal[] withdrawals;
    Reward[] rewards;
}

/// @notice Whether the withdrawals of a rollup can be paid now (see FORMATS.md, "Withdrawal finality").
enum WithdrawalState {
    Unknown, // no such rollup
    NotCanonical, // not an ancestor-or-self of every reference head
    Locked, // competing forks outlived the fork lock period; only governance's resolveFork unlocks
    Waiting, // canonical, but the wait has not elapsed yet
    Payable
}
