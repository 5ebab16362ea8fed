// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// Multicall3's `aggregate3` (the one function the snapshot calls), written for the tests: the
/// published Multicall3 bytecode is not in an npm package here. The test places this contract's
/// runtime code at Multicall3's canonical address, as every chain that has Multicall3 has it.
contract Aggregate3 {
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory results) {
        results = new Result[](calls.length);
        for (uint256 i = 0; i < calls.length; i++) {
            (bool ok, bytes memory data) = calls[i].target.call(calls[i].callData);
            require(ok || calls[i].allowFailure, "Multicall3: call failed");
            results[i] = Result(ok, data);
        }
    }
}
