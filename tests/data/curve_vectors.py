#!/usr/bin/env python3
"""Writes curve_vectors.json: StableSwap vectors from a line-by-line Python port of
curve-contract's contracts/pool-templates/base/SwapTemplateBase.vy (get_D, get_y, get_dy,
exchange), kept independent of the C++ engine. uint256 overflow/underflow and the 255-round
limits raise, as in Vyper. Run it after changing the cases below; its output is committed."""
import json
import os

A_PRECISION = 100
FEE_DENOMINATOR = 10**10
PRECISION = 10**18
MAX = 2**256


class Revert(Exception):
    pass


def u(v):
    if v < 0 or v >= MAX:
        raise Revert()
    return v


def get_D(xp, amp):
    N = len(xp)
    S = u(sum(xp))
    if S == 0:
        return 0
    Dprev, D, Ann = 0, S, amp * N
    for _ in range(255):
        D_P = D
        for x in xp:
            if x * N == 0:
                raise Revert()
            D_P = u(D_P * D) // (x * N)
        Dprev = D
        D = u((Ann * S // A_PRECISION + D_P * N) * D) // u((Ann - A_PRECISION) * D // A_PRECISION + (N + 1) * D_P)
        if abs(D - Dprev) <= 1:
            return D
    raise Revert()


def get_y(i, j, x, xp, amp):
    N = len(xp)
    D = get_D(xp, amp)
    Ann = amp * N
    c, S_ = D, 0
    for k in range(N):
        if k == i:
            _x = x
        elif k != j:
            _x = xp[k]
        else:
            continue
        S_ += _x
        c = u(c * D) // (_x * N)
    c = u(c * D * A_PRECISION) // (Ann * N)
    b = S_ + D * A_PRECISION // Ann
    y = D
    for _ in range(255):
        y_prev = y
        y = u(y * y + c) // u(2 * y + b - D)
        if abs(y - y_prev) <= 1:
            return y
    raise Revert()


def xp_of(pool):
    return [u(r * b) // PRECISION for r, b in zip(pool["rates"], pool["balances"])]


def dy_parts(pool, i, j, dx):
    xp = xp_of(pool)
    x = u(xp[i] + u(dx * pool["rates"][i]) // PRECISION)
    y = get_y(i, j, x, xp, pool["amp"])
    return u(xp[j] - y - 1)


def get_dy(pool, i, j, dx):
    dy = dy_parts(pool, i, j, dx)
    fee = pool["fee"] * dy // FEE_DENOMINATOR
    return (dy - fee) * PRECISION // pool["rates"][j]


def exchange(pool, i, j, dx):
    dy = dy_parts(pool, i, j, dx)
    dy_fee = dy * pool["fee"] // FEE_DENOMINATOR
    out = (dy - dy_fee) * PRECISION // pool["rates"][j]
    admin = dy_fee * pool["admin_fee"] // FEE_DENOMINATOR * PRECISION // pool["rates"][j]
    pool["balances"][i] += dx
    pool["balances"][j] = u(pool["balances"][j] - out - admin)
    return out


def pool(decimals, balances, A, fee, admin_fee=0):
    return {"decimals": decimals, "rates": [PRECISION * 10 ** (18 - d) for d in decimals],
            "balances": balances, "amp": A * A_PRECISION, "fee": fee, "admin_fee": admin_fee}


E18, E6 = 10**18, 10**6
POOLS = {
    "3pool balanced (DAI/USDC/USDT)": pool([18, 6, 6], [50_000_000 * E18, 50_000_000 * E6, 50_000_000 * E6], 2000, 1_000_000, 5 * 10**9),
    "3pool imbalanced 95/4/1": pool([18, 6, 6], [950_000 * E18, 40_000 * E6, 10_000 * E6], 2000, 1_000_000, 5 * 10**9),
    "2pool very imbalanced 99.9/0.1": pool([18, 18], [999_000 * E18, 1_000 * E18], 100, 4_000_000),
    "2pool low A": pool([6, 18], [1_000_000 * E6, 1_200_000 * E18], 5, 4_000_000, 10**10),
    "4pool mixed decimals": pool([18, 6, 6, 8], [10_000_000 * E18, 9_000_000 * E6, 11_000_000 * E6, 10_000_000 * 10**8], 500, 3_000_000, 5 * 10**9),
    "2pool tiny balances": pool([18, 18], [1000, 3000], 200, 4_000_000),
}


def main():
    out = {"source": __doc__.strip().split("\n")[0] + " (see curve_vectors.py)", "pools": {}, "get_D": [], "get_dy": [], "exchanges": []}
    for name, p in POOLS.items():
        out["pools"][name] = {"decimals": p["decimals"], "balances": [str(b) for b in p["balances"]],
                              "amp_precise": p["amp"], "fee": str(p["fee"]), "admin_fee": str(p["admin_fee"])}
        out["get_D"].append({"pool": name, "D": str(get_D(xp_of(p), p["amp"]))})
        n = len(p["balances"])
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                bal_i = p["balances"][i]
                for dx in [1, 1000, bal_i // 10**6, bal_i // 100, bal_i // 2, bal_i, bal_i * 10, bal_i * 1000]:
                    if dx <= 0:
                        continue
                    try:
                        dy = str(get_dy(p, i, j, dx))
                    except Revert:
                        dy = None
                    out["get_dy"].append({"pool": name, "i": i, "j": j, "dx": str(dx), "dy": dy})
        # A sequence of exchanges on one pool: each sees the balances the previous left.
        q = json.loads(json.dumps(p))
        seq = []
        for (i, j, frac) in [(0, 1, 3), (1, 0, 5), (0, n - 1, 2), (n - 1, 0, 7)]:
            dx = q["balances"][i] // frac
            try:
                dy = str(exchange(q, i, j, dx))
            except Revert:
                dy = None
            seq.append({"i": i, "j": j, "dx": str(dx), "dy": dy, "balances_after": [str(b) for b in q["balances"]]})
        out["exchanges"].append({"pool": name, "steps": seq})
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "curve_vectors.json"), "w") as fh:
        json.dump(out, fh, indent=1)
    print(len(out["get_dy"]), "get_dy vectors")


if __name__ == "__main__":
    main()
