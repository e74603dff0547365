// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice What the other management contracts read from NetworkManagement.
interface INetworkManagementView {
    function governance() external view returns (address);
    function breached() external view returns (bool);
    function isActiveAggregator(address enclaveAddress) external view returns (bool);
}

/// @title Governed
/// @notice Base of the contracts whose governance is the single governance address kept by NetworkManagement
///         (see FORMATS.md, "Governance"). Transferring governance there transfers it for the whole set.
abstract contract Governed {
    error NotGovernance(address caller);
    error NotAContract(address account);
    error InvalidParameter(bytes32 name, uint256 value);

    /// @notice A governance parameter changed; `name` is the parameter's name as a right-padded ASCII bytes32.
    event ParameterChanged(bytes32 indexed name, uint256 value);

    INetworkManagementView public immutable networkManagement;

    constructor(address networkManagement_) {
        if (networkManagement_.code.length == 0) revert NotAContract(networkManagement_);
        networkManagement = INetworkManagementView(networkManagement_);
    }

    modifier onlyGovernance() {
        if (msg.sender != networkManagement.governance()) revert NotGovernance(msg.sender);
        _;
    }
}
