// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title Signatures
/// @notice Recovers the signer of a 65-byte `r ‖ s ‖ v` secp256k1 signature over a 32-byte digest, with the rules of
///         FORMATS.md: `v` must be 27 or 28, `s` must be in the lower half of the curve order (no malleable twin),
///         and a zero address from `ecrecover` is a rejection. The digest is used as is (no EIP-191 prefix).
library Signatures {
    error InvalidSignatureLength(uint256 length);
    error InvalidSignatureS(bytes32 s);
    error InvalidSignatureV(uint8 v);
    error InvalidSignature();

    /// @dev secp256k1 group order n, halved (rounded down).
    uint256 private constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    function recover(bytes32 digest, bytes calldata signature) internal pure returns (address signer) {
        if (signature.length != 65) revert InvalidSignatureLength(signature.length);
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly ("memory-safe") {
            r := calldataload(signature.offset)
            s := calldataload(add(signature.offset, 32))
            v := byte(0, calldataload(add(signature.offset, 64)))
        }
        if (uint256(s) > HALF_ORDER) revert InvalidSignatureS(s);
        if (v != 27 && v != 28) revert InvalidSignatureV(v);
        signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) revert InvalidSignature();
    }

    /// @notice The address of a 64-byte uncompressed public key `x ‖ y` (no 0x04 prefix).
    function addressOf(bytes calldata publicKey) internal pure returns (address) {
        return address(uint160(uint256(keccak256(publicKey))));
    }
}
