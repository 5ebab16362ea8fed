// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// The read-only surface of a Curve StableSwap pool (coins, balances, A, A_precise, fee,
/// admin_fee, with uint256 indices) holding fixed values: it tests what the snapshot reads from a
/// Curve pool, not the pool's math (no compiled Curve pool is packaged in an npm registry).
contract MockCurvePool {
    address[] private _coins;
    uint256[] private _balances;
    uint256 public immutable A_precise;
    uint256 public immutable fee;
    uint256 public immutable admin_fee;

    constructor(address[] memory coins_, uint256[] memory balances_, uint256 aPrecise, uint256 fee_, uint256 adminFee) {
        _coins = coins_;
        _balances = balances_;
        A_precise = aPrecise;
        fee = fee_;
        admin_fee = adminFee;
    }

    function coins(uint256 i) external view returns (address) {
        return _coins[i];
    }

    function balances(uint256 i) external view returns (uint256) {
        return _balances[i];
    }

    function A() external view returns (uint256) {
        return A_precise / 100;
    }
}
