// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title AbiProbe
/// @notice Test-only contract: echoes every ABI type back, emits events and reverts in each way a contract can, so the
///         C# ABI codec and JSON-RPC client can be checked against the real compiler and a real node.
contract AbiProbe {
    struct Inner {
        uint64 id;
        string label;
        bytes32[] tags;
    }

    struct Outer {
        address owner;
        Inner inner;
        Inner[] children;
        bool flag;
        bytes data;
    }

    struct Point {
        int32 x;
        int32 y;
    }

    error ProbeFailed(uint256 code, string reason, address caller);
    error Unauthorized();

    event Probed(address indexed sender, uint256 indexed value, string indexed label, bytes data, Inner inner);
    event Values(uint8 indexed small, int256 indexed negative, bytes32 indexed tag, string text, uint256[] numbers);
    event Hashed(Point indexed point, uint256[] indexed list, bytes indexed blob);
    event Anonymous(address indexed sender, uint256 value) anonymous;

    uint256 public counter;

    function echoUints(uint8 a, uint16 b, uint24 c, uint32 d, uint64 e, uint128 f, uint256 g)
        external
        pure
        returns (uint8, uint16, uint24, uint32, uint64, uint128, uint256)
    {
        return (a, b, c, d, e, f, g);
    }

    function echoInts(int8 a, int16 b, int24 c, int32 d, int64 e, int128 f, int256 g)
        external
        pure
        returns (int8, int16, int24, int32, int64, int128, int256)
    {
        return (a, b, c, d, e, f, g);
    }

    function echoAddressBool(address a, bool b) external pure returns (address, bool) {
        return (a, b);
    }

    function echoFixedBytes(bytes1 a, bytes4 b, bytes20 c, bytes32 d) external pure returns (bytes1, bytes4, bytes20, bytes32) {
        return (a, b, c, d);
    }

    function echoBytes(bytes calldata value) external pure returns (bytes memory) {
        return value;
    }

    function echoString(string calldata value) external pure returns (string memory) {
        return value;
    }

    function echoFixedArray(uint256[3] calldata value) external pure returns (uint256[3] memory) {
        return value;
    }

    function echoDynamicArray(address[] calldata value) external pure returns (address[] memory) {
        return value;
    }

    function echoNestedArray(uint256[][] calldata value) external pure returns (uint256[][] memory) {
        return value;
    }

    function echoStringArray(string[] calldata value) external pure returns (string[] memory) {
        return value;
    }

    function echoFixedOfDynamic(string[2] calldata value) external pure returns (string[2] memory) {
        return value;
    }

    function echoDynamicOfFixed(int16[2][] calldata value) external pure returns (int16[2][] memory) {
        return value;
    }

    function echoPoint(Point calldata value) external pure returns (Point memory) {
        return value;
    }

    function echoOuter(Outer calldata value) external pure returns (Outer memory) {
        return value;
    }

    function echoInners(Inner[] calldata value) external pure returns (Inner[] memory) {
        return value;
    }

    function echoMixed(uint256 a, string calldata b, Point[2] calldata c, bytes calldata d, bool[] calldata e)
        external
        pure
        returns (uint256, string memory, Point[2] memory, bytes memory, bool[] memory)
    {
        return (a, b, c, d, e);
    }

    /// @notice Hashes its input the way FORMATS.md hashes a rollup's withdrawal list, so callers can compare.
    function hashEncoded(Inner[] calldata value) external pure returns (bytes32) {
        return keccak256(abi.encode(value));
    }

    function emitEvents(uint256 value, string calldata label, bytes calldata data, Inner calldata inner) external {
        counter += 1;
        emit Probed(msg.sender, value, label, data, inner);
        emit Values(uint8(value), -int256(value), keccak256(bytes(label)), label, _range(value % 5));
        emit Hashed(Point(-1, 2), _range(3), data);
        emit Anonymous(msg.sender, value);
    }

    function failCustom(uint256 code, string calldata reason) external view {
        revert ProbeFailed(code, reason, msg.sender);
    }

    function failUnauthorized() external pure {
        revert Unauthorized();
    }

    function failRequire(string calldata message) external pure {
        require(false, message);
    }

    function failEmpty() external pure {
        revert();
    }

    function failDivide(uint256 a, uint256 b) external pure returns (uint256) {
        return a / b;
    }

    function failAssert(uint256 a) external pure {
        assert(a == 0);
    }

    function failOverflow(uint256 a) external pure returns (uint256) {
        return a + 1;
    }

    function failIndex(uint256 index) external pure returns (uint256) {
        uint256[] memory values = new uint256[](2);
        return values[index];
    }

    function _range(uint256 count) private pure returns (uint256[] memory values) {
        values = new uint256[](count);
        for (uint256 i = 0; i < count; i++) {
            values[i] = i + 1;
        }
    }
}
