// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {RollupHeader, Withdrawal, WithdrawalState} from "./L1Types.sol";
import {Signatures} from "./Signatures.sol";
import {Governed} from "./Governed.sol";

/// @title RollupManagement
/// @notice The rollup tree on L1: accepts rollups signed by active aggregators with a valid proof of block inclusion,
///         tracks the live heads of the tree, and decides when the withdrawals of a rollup are final
///         (FORMATS.md, "RollupManagement" and "Withdrawal finality").
/// @dev The tree is stored as branches: a rollup's first child continues its parent's branch, every later child starts
///      a new branch. Every branch ends in exactly one leaf (its tip), so heads and branches correspond one to one,
///      and "is A an ancestor of D" walks only the branch switches on D's path (see `_isAncestorOrSelf`).
contract RollupManagement is Governed {
    struct Rollup {
        // slot 0
        bytes32 parent;
        // slot 1
        address aggregator;
        uint32 generation;
        uint40 publishedAt; // L1 block number; 0 = unknown rollup
        uint24 branch;
        // slot 2
        uint256 nonce;
        // slot 3 (written only when the rollup has withdrawals)
        bytes32 withdrawalsHash;
    }

    struct Branch {
        // slot 0
        bytes32 tip; // the head (leaf) of this branch
        // slot 1
        uint40 tipPublishedAt;
        // first block of the head's current live stretch: the branch's creation, or the block in which its dead head
        // got a child (or in which governance restarted the clocks)
        uint40 liveSince;
        uint32 forkGeneration; // generation of the rollup this branch forked from (parent of its first rollup)
        uint24 parentBranch; // branch of that rollup; 0 for the genesis branch
        uint24 activePosition; // 1-based position in _active; 0 = not tracked (pruned)
        bool excluded; // does not descend from the rollup named by governance in resolveFork
    }

    struct TreeState {
        uint64 rollupCount;
        uint40 forkSince; // while locked: start of the coexistence of the two heads that caused the lock; else 0
        uint24 branchCount;
        bool locked; // latched when two counting heads coexisted more than forkLockPeriod; cleared only by resolveFork
    }

    struct Params {
        uint64 headTimeout;
        uint64 withdrawalDelay;
        uint64 forkLockPeriod;
    }

    struct RollupInfo {
        bytes32 parentHash;
        uint256 generation;
        address aggregator;
        uint256 nonce;
        uint256 publishedAt;
        bytes32 withdrawalsHash; // zero when the rollup has no withdrawals
        uint256 branch;
        bool isHead;
        bool isLiveHead;
    }

    struct HeadInfo {
        bytes32 rollupHash;
        uint256 publishedAt;
        bool live;
        bool excluded;
    }

    bytes32 private constant ROLLUP_TAG = keccak256("Obscuro.RollupManagement.rollup.v1");

    mapping(bytes32 => Rollup) private _rollups;
    mapping(uint256 => Branch) private _branches;
    uint24[] private _active; // branches whose heads are live, or were live when last looked at
    TreeState private _state;
    Params private _params;

    /// @notice Hash of the genesis rollup (zero until published).
    bytes32 public genesisHash;
    /// @notice The rollup governance named in the last resolveFork (zero if none).
    bytes32 public resolvedHead;
    /// @notice Block hashes saved by recordBlockHash, for extending a head whose block left the 256-block window.
    mapping(uint256 => bytes32) public recordedBlockHashes;

    event RollupPublished(
        bytes32 indexed rollupHash,
        bytes32 indexed parentHash,
        address indexed aggregator,
        uint256 generation,
        uint256 nonce,
        bytes32 blobHash,
        Withdrawal[] withdrawals
    );
    event ForkStarted(uint256 atBlock, uint256 liveHeads);
    event WithdrawalsLocked(uint256 forkSince, uint256 atBlock);
    event ForkResolved(bytes32 indexed validHead, uint256 liveHeads);
    event BlockHashRecorded(uint256 indexed blockNumber, bytes32 blockHash);

    error PublicationNotDirect(address caller);
    error SignerNotAggregator(address signer, address aggregator);
    error AggregatorNotActive(address aggregator);
    error BlobHashMismatch(bytes32 expected, bytes32 actual);
    error RollupAlreadyPublished(bytes32 rollupHash);
    error GenesisAlreadyPublished(bytes32 genesisHash);
    error InvalidGenesisInclusion();
    error UnknownParent(bytes32 parentHash);
    error InvalidGeneration(uint256 expected, uint256 actual);
    error InclusionBlockNumberMismatch(uint256 expected, uint256 actual);
    error InclusionBlockHashMismatch(uint256 blockNumber, bytes32 expected, bytes32 actual);
    error InvalidDependencyBlock(uint256 blockNumber);
    error DependencyBlockHashMismatch(uint256 blockNumber, bytes32 expected, bytes32 actual);
    error UnknownRollup(bytes32 rollupHash);
    error BlockHashUnavailable(uint256 blockNumber);

    /// @param networkManagement_ the NetworkManagement contract (governance and aggregator checks)
    /// @param headTimeout_ L1 blocks after which a head without a child is dead (H)
    /// @param withdrawalDelay_ L1 blocks a rollup waits before its withdrawals are payable (N)
    /// @param forkLockPeriod_ L1 blocks competing live heads may coexist before withdrawals lock (M); must exceed H
    constructor(address networkManagement_, uint256 headTimeout_, uint256 withdrawalDelay_, uint256 forkLockPeriod_)
        Governed(networkManagement_)
    {
        _checkParams(headTimeout_, withdrawalDelay_, forkLockPeriod_);
        _params = Params(uint64(headTimeout_), uint64(withdrawalDelay_), uint64(forkLockPeriod_));
        emit ParameterChanged("headTimeout", headTimeout_);
        emit ParameterChanged("withdrawalDelay", withdrawalDelay_);
        emit ParameterChanged("forkLockPeriod", forkLockPeriod_);
    }

    // =====================================================================================================
    // Publishing
    // =====================================================================================================

    /// @notice Publishes a rollup. Checks, in this order (FORMATS.md): a direct call; signature by `header.aggregator`,
    ///         which must be an active aggregator; the blob hash; not a duplicate; genesis rules or parent, generation
    ///         and proof of block inclusion; the dependency block. The blob is not stored: nodes read it from this
    ///         call's input.
    function publishRollup(RollupHeader calldata header, bytes calldata encryptedBlob, bytes calldata signature)
        external
        returns (bytes32 rollupHash)
    {
        // The blob's only copy on L1 is the publishing transaction's input, and that input is this call only when an
        // account without code sent it here directly. A contract (or an EIP-7702 delegated account) could build the
        // blob from anything and leave the transaction's input useless to nodes: the rollup would be accepted on L1
        // while its data is withheld.
        if (msg.sender != tx.origin || msg.sender.code.length != 0) revert PublicationNotDirect(msg.sender);
        bytes32 withdrawalsHash = keccak256(abi.encode(header.withdrawals));
        rollupHash = _rollupHash(header, withdrawalsHash);
        _checkSignerAndBlob(rollupHash, header.aggregator, header.blobHash, encryptedBlob, signature);
        if (_rollups[rollupHash].publishedAt != 0) revert RollupAlreadyPublished(rollupHash);

        if (header.parentHash == bytes32(0)) {
            if (genesisHash != bytes32(0)) revert GenesisAlreadyPublished(genesisHash);
            if (header.generation != 0) revert InvalidGeneration(0, header.generation);
            if (header.inclusionBlockNumber != 0 || header.inclusionBlockHash != bytes32(0)) {
                revert InvalidGenesisInclusion();
            }
        } else {
            _checkParentAndInclusion(header);
        }
        _checkDependency(header);

        _attach(rollupHash, header, withdrawalsHash);
        emit RollupPublished(
            rollupHash,
            header.parentHash,
            header.aggregator,
            header.generation,
            header.nonce,
            header.blobHash,
            header.withdrawals
        );
    }

    /// @notice Saves the hash of a block that is still within the last 256 blocks. A saved hash may later prove the
    ///         inclusion of a parent that is still an active head after its block left the window (so a stalled chain
    ///         can resume). It never helps to fork from a rollup that already has a child. Anyone may call it.
    function recordBlockHash(uint256 blockNumber) external {
        bytes32 hash = blockhash(blockNumber);
        if (hash == bytes32(0)) revert BlockHashUnavailable(blockNumber);
        recordedBlockHashes[blockNumber] = hash;
        emit BlockHashRecorded(blockNumber, hash);
    }

    // =====================================================================================================
    // Governance
    // =====================================================================================================

    /// @notice Names the valid rollup after a fork: every head that does not descend from `validHead` stops counting
    ///         (for withdrawals and for fork detection), the withdrawal lock is cleared, the coexistence clock of the
    ///         heads that still count restarts now, and any later branch that does not descend from `validHead` is
    ///         ignored as well.
    function resolveFork(bytes32 validHead) external onlyGovernance {
        Rollup storage valid = _rollups[validHead];
        if (valid.publishedAt == 0) revert UnknownRollup(validHead);
        resolvedHead = validHead;
        uint40 now_ = uint40(block.number);
        uint256 count = _active.length;
        for (uint256 i = 0; i < count; ++i) {
            Branch storage b = _branches[_active[i]];
            bool excluded = !_isAncestorOrSelf(valid.branch, valid.generation, b.tip);
            b.excluded = excluded;
            if (!excluded) b.liveSince = now_;
        }
        Branch storage validBranch = _branches[valid.branch];
        if (validBranch.activePosition == 0) {
            validBranch.excluded = false; // its tip descends from validHead
            validBranch.liveSince = now_;
            _activate(valid.branch);
        }
        TreeState memory s = _state;
        s.locked = false;
        s.forkSince = 0;
        _state = s;
        Params memory p = _params;
        (uint256 live,,) = _scan(p.headTimeout, p.forkLockPeriod);
        emit ForkResolved(validHead, live);
    }

    function setHeadTimeout(uint256 blocks) external onlyGovernance {
        Params memory p = _params;
        _checkParams(blocks, p.withdrawalDelay, p.forkLockPeriod);
        TreeState memory s = _state;
        _latchLock(s, p); // judged under the old timeout, which is what the heads lived by so far
        _state = s;
        // A head that is dead under the old timeout has had its coexistence judged; if the new timeout makes it live
        // again, its new live stretch begins now (and if not, restarting its clock changes nothing).
        uint256 count = _active.length;
        for (uint256 i = 0; i < count; ++i) {
            Branch storage b = _branches[_active[i]];
            if (uint256(b.tipPublishedAt) + p.headTimeout < block.number) b.liveSince = uint40(block.number);
        }
        p.headTimeout = uint64(blocks);
        _params = p;
        emit ParameterChanged("headTimeout", blocks);
    }

    function setWithdrawalDelay(uint256 blocks) external onlyGovernance {
        Params memory p = _params;
        _checkParams(p.headTimeout, blocks, p.forkLockPeriod);
        _params.withdrawalDelay = uint64(blocks);
        emit ParameterChanged("withdrawalDelay", blocks);
    }

    function setForkLockPeriod(uint256 blocks) external onlyGovernance {
        Params memory p = _params;
        _checkParams(p.headTimeout, p.withdrawalDelay, blocks);
        TreeState memory s = _state;
        _latchLock(s, p); // a lock already earned under the old period stays
        _state = s;
        _params.forkLockPeriod = uint64(blocks);
        emit ParameterChanged("forkLockPeriod", blocks);
    }

    // =====================================================================================================
    // Views
    // =====================================================================================================

    function headTimeout() external view returns (uint256) {
        return _params.headTimeout;
    }

    function withdrawalDelay() external view returns (uint256) {
        return _params.withdrawalDelay;
    }

    function forkLockPeriod() external view returns (uint256) {
        return _params.forkLockPeriod;
    }

    function rollupCount() external view returns (uint256) {
        return _state.rollupCount;
    }

    function rollup(bytes32 rollupHash) external view returns (RollupInfo memory info) {
        Rollup storage r = _rollups[rollupHash];
        if (r.publishedAt == 0) revert UnknownRollup(rollupHash);
        Branch storage b = _branches[r.branch];
        bool head = b.tip == rollupHash;
        info = RollupInfo({
            parentHash: r.parent,
            generation: r.generation,
            aggregator: r.aggregator,
            nonce: r.nonce,
            publishedAt: r.publishedAt,
            withdrawalsHash: r.withdrawalsHash,
            branch: r.branch,
            isHead: head,
            isLiveHead: head && !b.excluded && _isLive(b, _params.headTimeout)
        });
    }

    function isPublished(bytes32 rollupHash) external view returns (bool) {
        return _rollups[rollupHash].publishedAt != 0;
    }

    /// @notice `keccak256(abi.encode(withdrawals))` of a published rollup, or zero if it has none.
    function withdrawalsHashOf(bytes32 rollupHash) external view returns (bytes32) {
        Rollup storage r = _rollups[rollupHash];
        if (r.publishedAt == 0) revert UnknownRollup(rollupHash);
        return r.withdrawalsHash;
    }

    /// @notice True if the rollup has no child, was published within the last `headTimeout` blocks, and was not
    ///         excluded by a fork resolution.
    function isLiveHead(bytes32 rollupHash) external view returns (bool) {
        Rollup storage r = _rollups[rollupHash];
        if (r.publishedAt == 0) return false;
        Branch storage b = _branches[r.branch];
        return b.tip == rollupHash && !b.excluded && _isLive(b, _params.headTimeout);
    }

    /// @notice The live heads that count (not excluded by a fork resolution).
    function liveHeads() external view returns (bytes32[] memory heads) {
        uint256 timeout = _params.headTimeout;
        uint256 count = _active.length;
        heads = new bytes32[](count);
        uint256 n;
        for (uint256 i = 0; i < count; ++i) {
            Branch storage b = _branches[_active[i]];
            if (!b.excluded && _isLive(b, timeout)) heads[n++] = b.tip;
        }
        assembly ("memory-safe") {
            mstore(heads, n)
        }
    }

    /// @notice Every head the contract still tracks (live ones, and dead ones not yet pruned by a later publication).
    function trackedHeads() external view returns (HeadInfo[] memory heads) {
        uint256 timeout = _params.headTimeout;
        uint256 count = _active.length;
        heads = new HeadInfo[](count);
        for (uint256 i = 0; i < count; ++i) {
            Branch storage b = _branches[_active[i]];
            heads[i] = HeadInfo(b.tip, b.tipPublishedAt, _isLive(b, timeout), b.excluded);
        }
    }

    /// @notice Fork situation now: live heads that count; the block at which the current situation with two or more
    ///         of them began (0 if fewer than two are live), or while locked the start of the coexistence that caused
    ///         the lock; and whether withdrawals are locked.
    function forkState() external view returns (uint256 liveHeadCount, uint256 forkSince, bool locked) {
        Params memory p = _params;
        TreeState memory s = _state;
        uint256 lockSince;
        (liveHeadCount, forkSince, lockSince) = _scan(p.headTimeout, p.forkLockPeriod);
        if (s.locked) {
            (locked, forkSince) = (true, s.forkSince);
        } else if (lockSince != 0) {
            (locked, forkSince) = (true, lockSince);
        }
    }

    /// @notice True if `ancestor` is `descendant` or one of its ancestors. Both must be published.
    function isAncestorOrSelf(bytes32 ancestor, bytes32 descendant) external view returns (bool) {
        Rollup storage a = _rollups[ancestor];
        if (a.publishedAt == 0) revert UnknownRollup(ancestor);
        if (_rollups[descendant].publishedAt == 0) revert UnknownRollup(descendant);
        return _isAncestorOrSelf(a.branch, a.generation, descendant);
    }

    /// @notice Whether the withdrawals of `rollupHash` are payable now (FORMATS.md, "Withdrawal finality").
    /// @return state the state
    /// @return payableAtBlock for Waiting and Payable: the first block at which the wait is over if the current fork
    ///         situation stays as it is (while two heads are live it moves forward with every block)
    /// @return forkSince for Locked: the first block of the coexistence of the two heads that caused the lock
    function withdrawalStatus(bytes32 rollupHash)
        external
        view
        returns (WithdrawalState state, uint256 payableAtBlock, uint256 forkSince)
    {
        Rollup storage r = _rollups[rollupHash];
        if (r.publishedAt == 0) return (WithdrawalState.Unknown, 0, 0);
        TreeState memory s = _state;
        if (s.locked) return (WithdrawalState.Locked, 0, s.forkSince);
        Params memory p = _params;
        (uint256 live, uint256 since, uint256 lockSince) = _scan(p.headTimeout, p.forkLockPeriod);
        if (lockSince != 0) return (WithdrawalState.Locked, 0, lockSince);

        // Reference heads: the live heads that count; during a stall (none live) the heads tracked at the last
        // publication. The rollup must be an ancestor-or-self of each.
        uint24 branch = r.branch;
        uint256 generation = r.generation;
        uint256 count = _active.length;
        bool any;
        for (uint256 i = 0; i < count; ++i) {
            Branch storage b = _branches[_active[i]];
            if (b.excluded || (live != 0 && !_isLive(b, p.headTimeout))) continue;
            any = true;
            if (!_isAncestorOrSelf(branch, generation, b.tip)) return (WithdrawalState.NotCanonical, 0, 0);
        }
        if (!any) return (WithdrawalState.NotCanonical, 0, 0);

        uint256 forkAge = live >= 2 ? block.number - since : 0;
        payableAtBlock = uint256(r.publishedAt) + p.withdrawalDelay + forkAge;
        state = block.number >= payableAtBlock ? WithdrawalState.Payable : WithdrawalState.Waiting;
    }

    // ---- hashes (FORMATS.md); public so that both sides can check their vectors ----

    function rollupHashOf(RollupHeader calldata h) external pure returns (bytes32) {
        return _rollupHash(h, keccak256(abi.encode(h.withdrawals)));
    }

    function _rollupHash(RollupHeader calldata h, bytes32 withdrawalsHash) private pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                abi.encode(
                    h.parentHash,
                    h.generation,
                    h.inclusionBlockNumber,
                    h.inclusionBlockHash,
                    h.dependencyBlockNumber,
                    h.dependencyBlockHash,
                    h.aggregator
                ),
                abi.encode(
                    h.nonce,
                    h.stateCommitment,
                    h.blobHash,
                    keccak256(h.encryptedLayout),
                    withdrawalsHash,
                    keccak256(abi.encode(h.rewards))
                )
            )
        );
    }

    function signingHashOf(bytes32 rollupHash) public view returns (bytes32) {
        return keccak256(abi.encode(ROLLUP_TAG, block.chainid, address(this), rollupHash));
    }

    // =====================================================================================================
    // Internals
    // =====================================================================================================

    function _checkSignerAndBlob(
        bytes32 rollupHash,
        address aggregator,
        bytes32 blobHash,
        bytes calldata encryptedBlob,
        bytes calldata signature
    ) private view {
        address signer = Signatures.recover(signingHashOf(rollupHash), signature);
        if (signer != aggregator) revert SignerNotAggregator(signer, aggregator);
        if (!networkManagement.isActiveAggregator(signer)) revert AggregatorNotActive(signer);
        bytes32 actual = keccak256(encryptedBlob);
        if (actual != blobHash) revert BlobHashMismatch(blobHash, actual);
    }

    function _checkParentAndInclusion(RollupHeader calldata header) private view {
        Rollup storage parent = _rollups[header.parentHash];
        uint256 publishedAt = parent.publishedAt;
        if (publishedAt == 0) revert UnknownParent(header.parentHash);
        uint256 expected = uint256(parent.generation) + 1;
        if (header.generation != expected || expected > type(uint32).max) {
            revert InvalidGeneration(expected, header.generation);
        }
        if (header.inclusionBlockNumber != publishedAt) {
            revert InclusionBlockNumberMismatch(publishedAt, header.inclusionBlockNumber);
        }
        bytes32 actual = blockhash(publishedAt);
        if (actual == bytes32(0)) {
            // Outside the 256-block window: a recorded hash counts only for extending a tracked, counting head.
            Branch storage b = _branches[parent.branch];
            if (b.tip == header.parentHash && b.activePosition != 0 && !b.excluded) {
                actual = recordedBlockHashes[publishedAt];
            }
        }
        if (actual == bytes32(0) || actual != header.inclusionBlockHash) {
            revert InclusionBlockHashMismatch(publishedAt, actual, header.inclusionBlockHash);
        }
    }

    function _checkDependency(RollupHeader calldata header) private view {
        uint256 number = header.dependencyBlockNumber;
        if (number >= block.number || number < header.inclusionBlockNumber) revert InvalidDependencyBlock(number);
        bytes32 actual = blockhash(number);
        if (actual == bytes32(0) || actual != header.dependencyBlockHash) {
            revert DependencyBlockHashMismatch(number, actual, header.dependencyBlockHash);
        }
    }

    /// @dev Stores the rollup, updates branches, the tracked heads and the lock.
    function _attach(bytes32 rollupHash, RollupHeader calldata header, bytes32 withdrawalsHash) private {
        bytes32 parentHash = header.parentHash;
        Params memory p = _params;
        TreeState memory s = _state;
        // before the tree changes: a coexistence that ended since the last publication (a head died, and is about to
        // be pruned or revived) is still judged
        _latchLock(s, p);

        uint24 branchId;
        bool started; // a new branch, or a dead head that lives again
        uint256 generation = header.generation;
        if (parentHash == bytes32(0)) {
            genesisHash = rollupHash;
            branchId = _newBranch(s, rollupHash, 0, 0, false);
        } else {
            Rollup storage parent = _rollups[parentHash];
            branchId = parent.branch;
            Branch storage pb = _branches[branchId];
            if (pb.tip == parentHash) {
                // first child: continues the parent's branch
                bool pruned = pb.activePosition == 0;
                if (pruned || uint256(pb.tipPublishedAt) + p.headTimeout < block.number) {
                    // a dead head gets a child: it lives again, and its live stretch (its clock) starts now
                    pb.liveSince = uint40(block.number);
                    started = true;
                    if (pruned) {
                        // track it again
                        pb.excluded = _excludedByResolution(parentHash);
                        _activate(branchId);
                    }
                }
                pb.tip = rollupHash;
                pb.tipPublishedAt = uint40(block.number);
            } else {
                // a later child: a fork
                bool excluded = _excludedByResolution(parentHash);
                branchId = _newBranch(s, rollupHash, uint32(generation - 1), branchId, excluded);
                started = true;
            }
        }

        _rollups[rollupHash] = Rollup({
            parent: parentHash,
            aggregator: header.aggregator,
            generation: uint32(generation),
            publishedAt: uint40(block.number),
            branch: branchId,
            nonce: header.nonce,
            withdrawalsHash: header.withdrawals.length == 0 ? bytes32(0) : withdrawalsHash
        });

        uint256 liveAfter = _prune(p.headTimeout);
        if (started && liveAfter >= 2 && !_branches[branchId].excluded) emit ForkStarted(block.number, liveAfter);
        s.rollupCount += 1;
        _state = s;
    }

    function _newBranch(TreeState memory s, bytes32 tip, uint32 forkGeneration, uint24 parentBranch, bool excluded)
        private
        returns (uint24 id)
    {
        id = ++s.branchCount;
        Branch storage b = _branches[id];
        b.tip = tip;
        b.tipPublishedAt = uint40(block.number);
        b.liveSince = uint40(block.number);
        b.forkGeneration = forkGeneration;
        b.parentBranch = parentBranch;
        b.excluded = excluded;
        _activate(id);
    }

    function _excludedByResolution(bytes32 parentHash) private view returns (bool) {
        bytes32 valid = resolvedHead;
        if (valid == bytes32(0)) return false;
        Rollup storage v = _rollups[valid];
        // the new rollup descends from validHead iff its parent does (it cannot be validHead itself)
        return !_isAncestorOrSelf(v.branch, v.generation, parentHash);
    }

    /// @dev Latches the lock if two counting tracked heads have coexisted more than the lock period, keeping the start
    ///      of that coexistence.
    function _latchLock(TreeState memory s, Params memory p) private {
        if (s.locked) return;
        (,, uint256 lockSince) = _scan(p.headTimeout, p.forkLockPeriod);
        if (lockSince != 0) {
            s.locked = true;
            s.forkSince = uint40(lockSince);
            emit WithdrawalsLocked(lockSince, block.number);
        }
    }

    /// @dev One pass over the counting (not excluded) tracked heads, and a second one only if two or more of them have
    ///      lived longer than `lockPeriod` in their current stretch. A head lives from its `liveSince` up to and
    ///      including its deadline `tipPublishedAt + timeout`, so two heads coexist from the later of their
    ///      `liveSince`s to `end = min(deadline + 1, deadline' + 1, block.number)` (heads only die between
    ///      publications, so an end in the past is known without a transaction).
    /// @return live the counting heads that are live now
    /// @return forkSince while two or more are live, the block at which the current multi-head situation began: the
    ///         second-smallest `liveSince` among the live ones; else 0
    /// @return lockSince the earliest start of a coexistence of two heads that lasted more than `lockPeriod` blocks
    ///         (`end - start > lockPeriod`); 0 if there is none
    function _scan(uint256 timeout, uint256 lockPeriod)
        private
        view
        returns (uint256 live, uint256 forkSince, uint256 lockSince)
    {
        // A pair can only have coexisted more than lockPeriod blocks if each head's own stretch lasted that long, so
        // only those "long" heads need to be compared in pairs. Normally there is one (the main chain) and no pair.
        uint256 longHeads;
        uint256 first = type(uint256).max;
        uint256 second = type(uint256).max;
        uint256 count = _active.length;
        for (uint256 i = 0; i < count; ++i) {
            Branch storage b = _branches[_active[i]];
            if (b.excluded) continue;
            uint256 since = b.liveSince;
            uint256 end = uint256(b.tipPublishedAt) + timeout + 1; // the first block at which it is dead
            if (end > block.number) {
                end = block.number;
                ++live;
                if (since < first) {
                    (first, second) = (since, first);
                } else if (since < second) {
                    second = since;
                }
            }
            if (end > since + lockPeriod) ++longHeads;
        }
        if (live >= 2) forkSince = second;
        if (longHeads >= 2) lockSince = _earliestLongCoexistence(timeout, lockPeriod, longHeads);
    }

    /// @dev The earliest start of a coexistence longer than `lockPeriod` among the `longHeads` counting heads whose own
    ///      stretch lasted longer than that (see `_scan`); 0 if none.
    function _earliestLongCoexistence(uint256 timeout, uint256 lockPeriod, uint256 longHeads)
        private
        view
        returns (uint256 lockSince)
    {
        uint256[] memory starts = new uint256[](longHeads);
        uint256[] memory ends = new uint256[](longHeads);
        uint256 n;
        uint256 count = _active.length;
        for (uint256 i = 0; i < count; ++i) {
            Branch storage b = _branches[_active[i]];
            if (b.excluded) continue;
            uint256 since = b.liveSince;
            uint256 end = uint256(b.tipPublishedAt) + timeout + 1;
            if (end > block.number) end = block.number;
            if (end > since + lockPeriod) {
                starts[n] = since;
                ends[n] = end;
                ++n;
            }
        }
        for (uint256 i = 1; i < n; ++i) {
            (uint256 si, uint256 ei) = (starts[i], ends[i]);
            for (uint256 j = 0; j < i; ++j) {
                uint256 start = starts[j] > si ? starts[j] : si;
                uint256 end = ends[j] < ei ? ends[j] : ei;
                if (end > start + lockPeriod && (lockSince == 0 || start < lockSince)) lockSince = start;
            }
        }
    }

    /// @dev Drops dead heads from tracking: excluded ones always, counting ones only if some counting head is live
    ///      (so that during a stall the last known heads stay the reference). Returns the counting live heads.
    function _prune(uint256 timeout) private returns (uint256 live) {
        uint256 count = _active.length;
        for (uint256 i = 0; i < count; ++i) {
            Branch storage b = _branches[_active[i]];
            if (!b.excluded && _isLive(b, timeout)) ++live;
        }
        for (uint256 i = count; i > 0;) {
            --i;
            Branch storage b = _branches[_active[i]];
            if (!_isLive(b, timeout) && (b.excluded || live != 0)) _deactivate(i);
        }
    }

    function _isLive(Branch storage b, uint256 timeout) private view returns (bool) {
        return uint256(b.tipPublishedAt) + timeout >= block.number;
    }

    function _activate(uint24 id) private {
        _active.push(id);
        _branches[id].activePosition = uint24(_active.length);
    }

    function _deactivate(uint256 index) private {
        uint24 id = _active[index];
        uint256 last = _active.length - 1;
        if (index != last) {
            uint24 moved = _active[last];
            _active[index] = moved;
            _branches[moved].activePosition = uint24(index + 1);
        }
        _active.pop();
        _branches[id].activePosition = 0;
    }

    /// @dev True if the rollup at (`branch`, `generation`) is `descendant` or one of its ancestors. Walks from the
    ///      descendant's branch towards the root; each step leaves a branch at the generation it forked from. Stops as
    ///      soon as the path is below `generation`. Cost: one storage read per branch switch on the path.
    function _isAncestorOrSelf(uint24 branch, uint256 generation, bytes32 descendant) private view returns (bool) {
        Rollup storage d = _rollups[descendant];
        uint256 g = d.generation;
        if (generation > g) return false;
        uint24 b = d.branch;
        while (b != branch) {
            Branch storage br = _branches[b];
            b = br.parentBranch;
            g = br.forkGeneration;
            if (b == 0 || g < generation) return false;
        }
        return generation <= g;
    }

    function _checkParams(uint256 timeout, uint256 delay, uint256 lockPeriod) private pure {
        if (timeout == 0 || timeout > type(uint32).max) revert InvalidParameter("headTimeout", timeout);
        if (delay == 0 || delay > type(uint32).max) revert InvalidParameter("withdrawalDelay", delay);
        if (lockPeriod <= timeout || lockPeriod > type(uint32).max) revert InvalidParameter("forkLockPeriod", lockPeriod);
    }
}
