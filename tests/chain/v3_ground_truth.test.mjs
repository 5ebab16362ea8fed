// Ground truth for Uniswap v3: pools of the v3-core npm artifact, liquidity minted through the
// v3-periphery position manager in random ranges (across several tick-bitmap words, some out of
// range on either side), swaps through the v3-periphery SwapRouter. On a fixed seed, each swap's
// pool is read by the snapshot tool (@ballast/checker/chain) into a treasury/1 and checked by
// Ballast through the npm package; then the swap executes on the chain. Ballast's expected_out /
// expected_in must equal what the pool transferred. A swap Ballast calls infeasible must be one the
// chain cannot fill within the snapshot's tick window: it reverts, fills partially, or moves the
// price out of the window the snapshot covered. The snapshot itself is compared with what the
// test minted: the initialized ticks, their liquidity_net and the active liquidity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../wasm/src/index.mjs';
import { snapshot } from '../../wasm/src/chain.mjs';
import { startEvm } from './evm.mjs';
import { A, DEADLINE, installMulticall3, logUniform, mintPosition, rng, sorted, token, uniswap, v3Pool } from './world.mjs';

const N = Number(process.env.BALLAST_CHAIN_V3_N || 1000);
const SUPPLY = 10n ** 45n;

// floor(sqrt(n)) by Newton's method.
function isqrt(n) {
  if (n < 2n) return n;
  let x = n;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + n / x) / 2n;
  }
  return x;
}

// sqrtPriceX96 for `num / den` units of token1 per unit of token0.
const sqrtPriceX96 = (num, den) => isqrt((num << 192n) / den);

// The liquidity the test minted, by tick: gross (initialized when > 0) and net.
class Book {
  constructor() {
    this.ticks = new Map();
    this.positions = [];
  }
  add(lower, upper, liquidity) {
    if (liquidity === 0n) return;
    this.positions.push({ lower, upper, liquidity });
    for (const [t, d] of [[lower, liquidity], [upper, -liquidity]]) {
      const e = this.ticks.get(t) || { gross: 0n, net: 0n };
      this.ticks.set(t, { gross: e.gross + liquidity, net: e.net + d });
    }
  }
  active(tick) {
    return this.positions.filter((p) => p.lower <= tick && tick < p.upper).reduce((s, p) => s + p.liquidity, 0n);
  }
  within([lo, hi]) {
    return [...this.ticks.entries()].filter(([t, e]) => t >= lo && t <= hi && e.gross > 0n)
      .sort((a, b) => a[0] - b[0]).map(([t, e]) => ({ index: t, liquidity_net: e.net.toString() }));
  }
}

test(`Uniswap v3: ${N} random swaps, Ballast's amounts equal the pools' in a real EVM`, { timeout: Math.max(900_000, N * 300) }, async () => {
  const ballast = await load();
  const evm = await startEvm();
  try {
    const me = evm.account.address;
    await installMulticall3(evm);
    const u = await uniswap(evm);
    const usdc = await token(evm, 'USDC', 6, SUPPLY);
    const wbtc = await token(evm, 'WBTC', 8, SUPPLY);
    const dai = await token(evm, 'DAI', 18, SUPPLY);
    const random = rng(20261201);
    // Two pools: USDC/DAI at 0.05 % (tick spacing 10, price 1 USDC = 1 DAI) read 2 words on each
    // side; WBTC/DAI at 0.3 % (spacing 60, 1 WBTC = 90,000 DAI) read 1 word on each side, so
    // that large swaps leave the window.
    const specs = [
      { id: 'usdc-dai-500', a: usdc, b: dai, fee: 500, spacing: 10, words: 2, value: [10n ** 12n, 1n] },
      { id: 'wbtc-dai-3000', a: wbtc, b: dai, fee: 3000, spacing: 60, words: 1, value: [9n * 10n ** 14n, 1n] },
      // Priced outside every position at first (all ranges above its price): zero active
      // liquidity until a swap moves the price into them.
      { id: 'wbtc-usdc-10000', a: wbtc, b: usdc, fee: 10000, spacing: 200, words: 2, value: [900n, 1n], above: true },
    ];
    const ids = { [usdc.toLowerCase()]: 'USDC', [wbtc.toLowerCase()]: 'WBTC', [dai.toLowerCase()]: 'DAI' };
    const pools = [];
    for (const s of specs) {
      const [t0, t1] = sorted(s.a, s.b);
      // value = DAI base units per base unit of a; price = token1 per token0.
      const [num, den] = t0 === s.a ? s.value : [s.value[1], s.value[0]];
      const address = await v3Pool(evm, u, s.a, s.b, s.fee, sqrtPriceX96(num, den));
      const pool = { ...s, t0, t1, address, book: new Book() };
      for (let k = 0; k < 24; k++) await addPosition(pool, k % 6 === 5);
      pools.push(pool);
    }
    assert.equal(await evm.read(pools[2].address, A.v3Pool.abi, 'liquidity'), 0n, 'the third pool starts outside every position');

    async function addPosition(pool, far) {
      const [, tick] = await evm.read(pool.address, A.v3Pool.abi, 'slot0');
      const sp = pool.spacing;
      const base = Math.floor(tick / sp) * sp;
      // Most ranges near the price, across up to three bitmap words; some far above or below.
      const reach = far ? 256 * 4 : 256 * 2;
      let lower = pool.above && pool.book.positions.length < 24 ? base + sp * (1 + Math.floor(random() * 512))
        : base + sp * Math.floor((random() * 2 - 1) * reach);
      const width = sp * (1 + Math.floor(random() * (far ? 300 : 700)));
      lower = Math.max(lower, Math.ceil(-887272 / sp) * sp);
      const upper = Math.min(lower + width, Math.floor(887272 / sp) * sp);
      const dec0 = pool.t0 === usdc ? 6 : pool.t0 === wbtc ? 8 : 18;
      const dec1 = pool.t1 === usdc ? 6 : pool.t1 === wbtc ? 8 : 18;
      const amount0 = logUniform(random, 10n ** BigInt(dec0 + 7));
      const amount1 = logUniform(random, 10n ** BigInt(dec1 + 7));
      const liquidity = await mintPosition(evm, u, pool.t0, pool.t1, pool.fee, lower, upper, amount0, amount1);
      pool.book.add(lower, upper, liquidity);
    }

    const policy = { ballast: 'policy/1', numeraire: 'USD' };
    const config = (pool) => ({
      ballast: 'snapshot-config/1', chain_id: 31337, account: me, numeraire: 'USD',
      assets: [{ id: 'USDC', address: usdc, price: { fixed: '1' } }, { id: 'WBTC', address: wbtc, price: { fixed: '90000' } },
        { id: 'DAI', address: dai, price: { fixed: '1' } }],
      venues: [{ id: pool.id, kind: 'uniswap_v3', address: pool.address, tick_words: pool.words }],
    });
    const balanceOf = (t) => evm.read(t, A.TestToken.abi, 'balanceOf', [me]);
    let compared = 0;
    let infeasible = 0;
    let partial = 0;
    let beyondWindow = 0;
    let crossedWords = 0;
    let crossedTicks = 0;
    let atZeroLiquidity = 0;
    let checkedSnapshots = 0;
    for (let i = 0; i < N; i++) {
      const pool = pools[i % pools.length];
      if (i % 40 === 39) await addPosition(pool, false);
      const treasury = await snapshot({ rpc: evm.url, config: config(pool) });
      const venue = treasury.venues[0];
      // The snapshot against what the test minted and what the pool says.
      assert.deepEqual(venue.ticks, pool.book.within(venue.tick_window), `swap ${i}: snapshot ticks`);
      assert.equal(venue.liquidity, pool.book.active(venue.tick).toString(), `swap ${i}: snapshot liquidity`);
      const [sqrtP, tick] = await evm.read(pool.address, A.v3Pool.abi, 'slot0');
      assert.equal(venue.sqrt_price_x96, sqrtP.toString());
      assert.equal(venue.tick, tick);
      checkedSnapshots++;

      const zeroForOne = random() < 0.5;
      const exactIn = random() < 0.5;
      const [sell, buy] = zeroForOne ? [pool.t0, pool.t1] : [pool.t1, pool.t0];
      const poolIn = await evm.read(sell, A.TestToken.abi, 'balanceOf', [pool.address]);
      const poolOut = await evm.read(buy, A.TestToken.abi, 'balanceOf', [pool.address]);
      const amount = exactIn ? logUniform(random, poolIn / 2n + 10n) : logUniform(random, (poolOut * 9n) / 10n + 1n);
      const swap = { type: 'swap', venue: pool.id, sell: ids[sell.toLowerCase()], buy: ids[buy.toLowerCase()] };
      if (exactIn) swap.amount_in = String(amount);
      else swap.amount_out = String(amount);
      const report = ballast.check({ policy, treasury, proposal: { ballast: 'proposal/1', actions: [swap] } });
      assert.notEqual(report.verdict, 'error', JSON.stringify(report.errors));
      const isInfeasible = report.findings.some((f) => f.rule === 'action.infeasible');

      const before = await Promise.all([sell, buy].map(balanceOf));
      const params = exactIn
        ? [{ tokenIn: sell, tokenOut: buy, fee: pool.fee, recipient: me, deadline: DEADLINE, amountIn: amount, amountOutMinimum: 0n, sqrtPriceLimitX96: 0n }]
        : [{ tokenIn: sell, tokenOut: buy, fee: pool.fee, recipient: me, deadline: DEADLINE, amountOut: amount, amountInMaximum: 2n ** 255n, sqrtPriceLimitX96: 0n }];
      let executed = true;
      try {
        await evm.call(u.swapRouter, A.swapRouter.abi, exactIn ? 'exactInputSingle' : 'exactOutputSingle', params);
      } catch {
        executed = false;
      }
      const after = await Promise.all([sell, buy].map(balanceOf));
      const paid = before[0] - after[0];
      const got = after[1] - before[1];
      const [, tickAfter] = await evm.read(pool.address, A.v3Pool.abi, 'slot0');
      const what = `swap ${i} on ${pool.id}: ${exactIn ? 'exact in' : 'exact out'} ${amount} ${swap.sell}->${swap.buy}, tick ${tick} -> ${tickAfter}, window ${venue.tick_window}`;
      if (isInfeasible) {
        const [lo, hi] = venue.tick_window;
        const left = tickAfter < lo || tickAfter >= hi;
        const short = exactIn && executed && paid < amount;
        assert.ok(!executed || left || short, `${what}: Ballast says infeasible, the chain filled it inside the window (paid ${paid}, got ${got})`);
        if (short) partial++;
        else if (executed) beyondWindow++;
        infeasible++;
        continue;
      }
      assert.ok(executed, `${what}: the chain reverted, Ballast expected ${JSON.stringify(report.actions[0])}`);
      if (exactIn) {
        assert.equal(paid, amount, what);
        assert.equal(report.actions[0].expected_out, String(got), what);
      } else {
        assert.equal(got, amount, what);
        assert.equal(report.actions[0].expected_in, String(paid), what);
      }
      if (Math.floor(Math.floor(tick / pool.spacing) / 256) !== Math.floor(Math.floor(tickAfter / pool.spacing) / 256)) crossedWords++;
      const [lo, hi] = tick < tickAfter ? [tick, tickAfter] : [tickAfter, tick];
      crossedTicks += venue.ticks.filter((t) => t.index > lo && t.index <= hi).length;
      if (venue.liquidity === '0') atZeroLiquidity++;
      compared++;
    }
    console.log(`# v3: ${compared} swaps equal to the pools' amounts (${crossedTicks} initialized ticks crossed, ` +
      `${crossedWords} swaps crossing a bitmap word, ${atZeroLiquidity} starting at zero liquidity), ` +
      `${infeasible} infeasible (${partial} filled only partly on the chain, ${beyondWindow} moved the price beyond the ` +
      `snapshot's tick window, the rest reverted); ${checkedSnapshots} snapshots equal to the minted ticks`);
    assert.ok(compared >= N * 0.7, `only ${compared} of ${N} swaps compared`);
    assert.ok(crossedWords > 0, 'no swap crossed a bitmap word');
    assert.ok(atZeroLiquidity > 0, 'no swap started outside every position');
  } finally {
    evm.stop();
  }
});
