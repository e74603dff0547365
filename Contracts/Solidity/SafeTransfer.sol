// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title SafeTransfer
/// @notice ETH and ERC-20 transfers that report failure reliably: a token call succeeds only if it did not revert and
///         either returned a word equal to 1 (true) or returned nothing from an address that has code (tokens that
///         predate the standard return value). At most 32 bytes of return data are copied.
library SafeTransfer {
    error EthTransferFailed(address to, uint256 amount);
    error TokenTransferFailed(address token, address to, uint256 amount);
    error TokenTransferFromFailed(address token, address from, uint256 amount);
    error TokenBalanceQueryFailed(address token);

    function trySendEth(address to, uint256 amount, uint256 gasLimit) internal returns (bool ok) {
        assembly ("memory-safe") {
            ok := call(gasLimit, to, amount, 0, 0, 0, 0)
        }
    }

    function sendEth(address to, uint256 amount) internal {
        if (!trySendEth(to, amount, gasleft())) revert EthTransferFailed(to, amount);
    }

    function tryTransfer(address token, address to, uint256 amount, uint256 gasLimit) internal returns (bool) {
        return _callToken(token, abi.encodeWithSelector(0xa9059cbb, to, amount), gasLimit);
    }

    function transfer(address token, address to, uint256 amount) internal {
        if (!tryTransfer(token, to, amount, gasleft())) revert TokenTransferFailed(token, to, amount);
    }

    function transferFrom(address token, address from, address to, uint256 amount) internal {
        if (!_callToken(token, abi.encodeWithSelector(0x23b872dd, from, to, amount), gasleft())) {
            revert TokenTransferFromFailed(token, from, amount);
        }
    }

    function balanceOf(address token, address account) internal view returns (uint256 amount) {
        bytes memory data = abi.encodeWithSelector(0x70a08231, account);
        bool ok;
        assembly ("memory-safe") {
            mstore(0, 0)
            ok := staticcall(gas(), token, add(data, 32), mload(data), 0, 32)
            ok := and(ok, gt(returndatasize(), 31))
            amount := mload(0)
        }
        if (!ok) revert TokenBalanceQueryFailed(token);
    }

    function _callToken(address token, bytes memory data, uint256 gasLimit) private returns (bool ok) {
        assembly ("memory-safe") {
            mstore(0, 0)
            ok := call(gasLimit, token, 0, add(data, 32), mload(data), 0, 32)
            switch returndatasize()
            case 0 { ok := and(ok, gt(extcodesize(token), 0)) }
            default { ok := and(ok, and(gt(returndatasize(), 31), eq(mload(0), 1))) }
        }
    }
}
