#!/usr/bin/env python3
"""Writes tests/data/uniswap_v3_pool_swaps.json from Uniswap/v3-core's swap-test snapshot.

Usage: uniswap_v3_pool_swaps.py PATH/TO/test/__snapshots__/UniswapV3Pool.swaps.spec.ts.snap

Every entry of the snapshot (15 pools x 16 swap cases = 240) becomes one case: the pool, the
swap as the spec's callee calls UniswapV3Pool.swap (direction, amountSpecified, sqrtPriceLimitX96),
and the contract's result recorded by the snapshot: the pool's balance deltas and tick after, or
the revert. Pools and swap cases are transcribed from test/UniswapV3Pool.swaps.spec.ts
(TEST_POOLS, DEFAULT_POOL_SWAP_TESTS) and test/shared/utilities.ts (encodePriceSqrt,
getMinTick/getMaxTick, getMaxLiquidityPerTick); nothing here uses the engine under test.
"""
import decimal
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "uniswap_v3_pool_swaps.json")

MIN_SQRT_RATIO = 4295128739
MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342
INT256_MAX = 2**255 - 1
E18 = 10**18
SPACING = {500: 10, 3000: 60, 10000: 200}


def encode_price_sqrt(reserve1, reserve0):
    """encodePriceSqrt: bignumber.js with DECIMAL_PLACES 40 and ROUND_HALF_UP for div and sqrt,
    times 2^96, then integerValue(ROUND_FLOOR)."""
    ctx = decimal.Context(prec=200, rounding=decimal.ROUND_HALF_UP)
    places = decimal.Decimal(10) ** -40
    ratio = ctx.divide(decimal.Decimal(reserve1), decimal.Decimal(reserve0)).quantize(places, context=ctx)
    root = ctx.sqrt(ratio).quantize(places, context=ctx)
    return int(ctx.multiply(root, decimal.Decimal(2**96)).to_integral_value(rounding=decimal.ROUND_FLOOR))


def min_tick(spacing):
    return -(887272 // spacing) * spacing  # Math.ceil(-887272 / spacing) * spacing


def max_tick(spacing):
    return (887272 // spacing) * spacing


def max_liquidity_per_tick(spacing):
    return (2**128 - 1) // ((max_tick(spacing) - min_tick(spacing)) // spacing + 1)


def full_range(fee, liquidity=2 * E18):
    s = SPACING[fee]
    return [[min_tick(s), max_tick(s), liquidity]]


M = SPACING[3000]
POOLS = [
    ("low fee, 1:1 price, 2e18 max range liquidity", 500, encode_price_sqrt(1, 1), full_range(500)),
    ("medium fee, 1:1 price, 2e18 max range liquidity", 3000, encode_price_sqrt(1, 1), full_range(3000)),
    ("high fee, 1:1 price, 2e18 max range liquidity", 10000, encode_price_sqrt(1, 1), full_range(10000)),
    ("medium fee, 10:1 price, 2e18 max range liquidity", 3000, encode_price_sqrt(10, 1), full_range(3000)),
    ("medium fee, 1:10 price, 2e18 max range liquidity", 3000, encode_price_sqrt(1, 10), full_range(3000)),
    ("medium fee, 1:1 price, 0 liquidity, all liquidity around current price", 3000, encode_price_sqrt(1, 1),
     [[min_tick(M), -M, 2 * E18], [M, max_tick(M), 2 * E18]]),
    ("medium fee, 1:1 price, additional liquidity around current price", 3000, encode_price_sqrt(1, 1),
     [[min_tick(M), max_tick(M), 2 * E18], [min_tick(M), -M, 2 * E18], [M, max_tick(M), 2 * E18]]),
    ("low fee, large liquidity around current price (stable swap)", 500, encode_price_sqrt(1, 1), [[-10, 10, 2 * E18]]),
    ("medium fee, token0 liquidity only", 3000, encode_price_sqrt(1, 1), [[0, 2000 * M, 2 * E18]]),
    ("medium fee, token1 liquidity only", 3000, encode_price_sqrt(1, 1), [[-2000 * M, 0, 2 * E18]]),
    ("close to max price", 3000, encode_price_sqrt(2**127, 1), full_range(3000)),
    ("close to min price", 3000, encode_price_sqrt(1, 2**127), full_range(3000)),
    ("max full range liquidity at 1:1 price with default fee", 3000, encode_price_sqrt(1, 1),
     full_range(3000, max_liquidity_per_tick(M))),
    ("initialized at the max ratio", 3000, MAX_SQRT_RATIO - 1, full_range(3000)),
    ("initialized at the min ratio", 3000, MIN_SQRT_RATIO, full_range(3000)),
]

ONE = "1.0000"
TINY = "0.0000000000000010000"  # formatTokenAmount(1000)
# DEFAULT_POOL_SWAP_TESTS: (description, zeroForOne, exact_in, amount or None, sqrtPriceLimit or None).
# A case without an amount is the callee's swapToLower/HigherSqrtPrice: amountSpecified int256 max.
CASES = [
    (f"swap exactly {ONE} token0 for token1", True, True, E18, None),
    (f"swap exactly {ONE} token1 for token0", False, True, E18, None),
    (f"swap token0 for exactly {ONE} token1", True, False, E18, None),
    (f"swap token1 for exactly {ONE} token0", False, False, E18, None),
    (f"swap exactly {ONE} token0 for token1 to price 0.50000", True, True, E18, encode_price_sqrt(50, 100)),
    (f"swap exactly {ONE} token1 for token0 to price 2.0000", False, True, E18, encode_price_sqrt(200, 100)),
    (f"swap token0 for exactly {ONE} token1 to price 0.50000", True, False, E18, encode_price_sqrt(50, 100)),
    (f"swap token1 for exactly {ONE} token0 to price 2.0000", False, False, E18, encode_price_sqrt(200, 100)),
    (f"swap exactly {TINY} token0 for token1", True, True, 1000, None),
    (f"swap exactly {TINY} token1 for token0", False, True, 1000, None),
    (f"swap token0 for exactly {TINY} token1", True, False, 1000, None),
    (f"swap token1 for exactly {TINY} token0", False, False, 1000, None),
    ("swap token1 for token0 to price 2.5000", False, True, None, encode_price_sqrt(5, 2)),
    ("swap token0 for token1 to price 0.40000", True, True, None, encode_price_sqrt(2, 5)),
    ("swap token0 for token1 to price 2.5000", True, True, None, encode_price_sqrt(5, 2)),
    ("swap token1 for token0 to price 0.40000", False, True, None, encode_price_sqrt(2, 5)),
]


def parse_snapshot(text):
    entries = {}
    for m in re.finditer(r"exports\[`UniswapV3Pool swap tests (.*?) 1`\] = `\nObject \{\n(.*?)\n\}\n`;", text, re.S):
        fields = dict(re.findall(r'^\s*"(\w+)": (.*?),$', m.group(2), re.M))
        entries[m.group(1)] = {k: json.loads(v) for k, v in fields.items()}
    return entries


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    snapshot = parse_snapshot(open(sys.argv[1]).read())
    assert len(snapshot) == 240, len(snapshot)
    pools, swaps = {}, []
    for name, fee, price, positions in POOLS:
        pools[name] = {"fee_pips": fee, "tick_spacing": SPACING[fee], "sqrt_price_x96": str(price),
                       "positions": [[lo, hi, str(liq)] for lo, hi, liq in positions]}
        for desc, zero_for_one, exact_in, amount, limit in CASES:
            entry = snapshot.pop(f"{name} {desc}")
            specified = INT256_MAX if amount is None else (amount if exact_in else -amount)
            default_limit = MIN_SQRT_RATIO + 1 if zero_for_one else MAX_SQRT_RATIO - 1
            s = {"pool": name, "case": desc, "zero_for_one": zero_for_one, "amount_specified": str(specified),
                 "sqrt_price_limit_x96": str(limit if limit is not None else default_limit),
                 "tick_before": entry["tickBefore"]}
            if "swapError" in entry:
                s["error"] = entry["swapError"].rsplit(" ", 1)[-1]  # "... revert SPL" -> "SPL"
            else:
                s["amount0"] = entry["amount0Delta"]
                s["amount1"] = entry["amount1Delta"]
                s["tick_after"] = entry["tickAfter"]
                delta_in = int(s["amount0"] if zero_for_one else s["amount1"])
                delta_out = -int(s["amount1"] if zero_for_one else s["amount0"])
                s["fully_fills"] = amount is not None and (delta_in if exact_in else delta_out) == amount
            swaps.append(s)
    assert not snapshot, sorted(snapshot)
    doc = {
        "source": "Uniswap/v3-core test/__snapshots__/UniswapV3Pool.swaps.spec.ts.snap, every entry, written by "
                  "tests/data/uniswap_v3_pool_swaps.py: the pools of test/UniswapV3Pool.swaps.spec.ts (TEST_POOLS; "
                  "prices are its encodePriceSqrt) and its 16 swap cases, as the spec's callee calls "
                  "UniswapV3Pool.swap, with the pool's balance deltas and tick after, or the revert reason. "
                  "fully_fills: the exact input fully spent or the exact output fully received.",
        "pools": pools,
        "swaps": swaps,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    full = sum(1 for s in swaps if s.get("fully_fills"))
    print(f"{len(swaps)} swaps, {sum('error' in s for s in swaps)} reverts, {full} fully filling")


if __name__ == "__main__":
    main()
