// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title ReentrancyGuard
/// @notice A re-entrancy lock in transient storage (EIP-1153, Cancun): one lock per contract, cleared after each call.
abstract contract ReentrancyGuard {
    error ReentrantCall();

    bool private transient _entered;

    modifier nonReentrant() {
        if (_entered) revert ReentrantCall();
        _entered = true;
        _;
        _entered = false;
    }
}
