// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title ForwardingCaller
/// @notice Tests only: calls another contract with the given calldata and bubbles up its revert, so a test can see
///         what a contract does when its caller is a contract rather than the account that sent the transaction.
contract ForwardingCaller {
    function forward(address target, bytes calldata data) external payable returns (bytes memory result) {
        bool ok;
        (ok, result) = target.call{value: msg.value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
    }
}
