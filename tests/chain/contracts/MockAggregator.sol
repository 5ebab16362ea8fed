// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A Chainlink price feed for the local EVM: the AggregatorV3Interface reads the snapshot makes
/// (decimals, latestRoundData), with an answer and an update time the test sets.
contract MockAggregator {
    uint8 public immutable decimals;
    uint80 private _round;
    int256 private _answer;
    uint256 private _updatedAt;

    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    function set(int256 answer, uint256 updatedAt) external {
        _round += 1;
        _answer = answer;
        _updatedAt = updatedAt;
    }

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return (_round, _answer, _updatedAt, _updatedAt, _round);
    }
}
