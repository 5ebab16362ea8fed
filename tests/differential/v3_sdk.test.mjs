// Differential test: Ballast's Uniswap v3 simulation (through the npm package's public API, the
// same engine as the CLI) against @uniswap/v3-sdk's Pool on random pools and swaps, fixed seed.
// BALLAST_DIFF_N sets the number of swaps (default 10,000).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { load } from '../../wasm/src/index.mjs';

// The SDK's ES module build cannot be imported by Node (directory imports): use its CommonJS build.
const require = createRequire(import.meta.url);
const sdk = require('@uniswap/v3-sdk');
const core = require('@uniswap/sdk-core');
const JSBI = require('jsbi');
const { Pool, TickMath } = sdk;
const { Token, CurrencyAmount } = core;
const N = Number(process.env.BALLAST_DIFF_N || 10000);
const FEES = [[100, 1], [500, 10], [3000, 60], [10000, 200]];

// xorshift64* on BigInt: deterministic across platforms.
let state = 0x9e3779b97f4a7c15n;
function rand64() {
  state ^= state >> 12n;
  state ^= (state << 25n) & 0xffffffffffffffffn;
  state ^= state >> 27n;
  return (state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
}
const randInt = (lo, hi) => lo + Number(rand64() % BigInt(hi - lo + 1));  // inclusive, small ranges
const randBig = (lo, hi) => lo + ((rand64() << 64n) | rand64()) % (hi - lo + 1n);

const token0 = new Token(1, '0x0000000000000000000000000000000000000001', 18, 'A0');
const token1 = new Token(1, '0x0000000000000000000000000000000000000002', 18, 'A1');

/** A random pool: full-range liquidity plus a few concentrated positions around the price. */
function randomPool() {
  const [fee, spacing] = FEES[randInt(0, 3)];
  const tick = randInt(-120000, 120000);
  const lowerRatio = BigInt(TickMath.getSqrtRatioAtTick(tick).toString());
  const upperRatio = BigInt(TickMath.getSqrtRatioAtTick(tick + 1).toString());
  const sqrtPrice = randBig(lowerRatio, upperRatio - 1n);
  const minTick = Math.ceil(-887272 / spacing) * spacing;
  const maxTick = Math.floor(887272 / spacing) * spacing;
  const positions = [[minTick, maxTick, randBig(10n ** 15n, 10n ** 21n)]];
  const count = randInt(0, 6);
  const base = Math.floor(tick / spacing) * spacing;
  for (let k = 0; k < count; k++) {
    const lo = base - spacing * randInt(0, 600);
    const hi = base + spacing * randInt(1, 600);
    positions.push([lo, hi, randBig(10n ** 15n, 10n ** 23n)]);
  }
  const net = new Map();
  const gross = new Map();
  let liquidity = 0n;
  const current = Number(TickMath.getTickAtSqrtRatio(JSBI.BigInt(sqrtPrice.toString())));
  for (const [lo, hi, l] of positions) {
    net.set(lo, (net.get(lo) || 0n) + l);
    net.set(hi, (net.get(hi) || 0n) - l);
    gross.set(lo, (gross.get(lo) || 0n) + l);
    gross.set(hi, (gross.get(hi) || 0n) + l);
    if (lo <= current && current < hi) liquidity += l;
  }
  const ticks = [...net.keys()].sort((a, b) => a - b).map((index) => ({ index, net: net.get(index), gross: gross.get(index) }));
  return { fee, spacing, sqrtPrice, tick: current, liquidity, ticks };
}

function caseFor(p, zeroForOne, exactIn, amount) {
  const [sell, buy] = zeroForOne ? ['A0', 'A1'] : ['A1', 'A0'];
  const swap = { type: 'swap', venue: 'v3', sell, buy };
  swap[exactIn ? 'amount_in' : 'amount_out'] = amount.toString();
  const big = (10n ** 40n).toString();
  return {
    ballast: 'case/1',
    policy: { ballast: 'policy/1' },
    treasury: {
      ballast: 'treasury/1', as_of: '2026-11-20T00:00:00Z', numeraire: 'USD',
      assets: [{ id: 'A0', decimals: 18, balance: big, price: '1' }, { id: 'A1', decimals: 18, balance: big, price: '1' }],
      venues: [{
        id: 'v3', kind: 'uniswap_v3', token0: 'A0', token1: 'A1', fee_pips: p.fee, tick_spacing: p.spacing,
        sqrt_price_x96: p.sqrtPrice.toString(), tick: p.tick, liquidity: p.liquidity.toString(),
        ticks: p.ticks.map((t) => ({ index: t.index, liquidity_net: t.net.toString() })),
      }],
    },
    proposal: { ballast: 'proposal/1', actions: [swap] },
  };
}

async function sdkSwap(p, zeroForOne, exactIn, amount) {
  const pool = new Pool(token0, token1, p.fee, p.sqrtPrice.toString(), p.liquidity.toString(), p.tick,
    p.ticks.map((t) => ({ index: t.index, liquidityNet: t.net.toString(), liquidityGross: t.gross.toString() })));
  const [tin, tout] = zeroForOne ? [token0, token1] : [token1, token0];
  if (exactIn) {
    const [out] = await pool.getOutputAmount(CurrencyAmount.fromRawAmount(tin, amount.toString()));
    return { in: amount, out: BigInt(out.quotient.toString()) };
  }
  const [inp] = await pool.getInputAmount(CurrencyAmount.fromRawAmount(tout, amount.toString()));
  return { in: BigInt(inp.quotient.toString()), out: amount };
}

test(`Ballast and @uniswap/v3-sdk agree on ${N} random v3 swaps`, async () => {
  const ballast = await load();
  let compared = 0, identical = 0, bothRefuse = 0, sdkPartial = 0;
  const differences = [];
  for (let i = 0; i < N; i++) {
    const p = randomPool();
    const zeroForOne = randInt(0, 1) === 1;
    const exactIn = randInt(0, 1) === 1;
    // Amounts from 1 wei to about the pool's active virtual reserve.
    const scale = p.liquidity > 0n ? p.liquidity : 10n ** 18n;
    const amount = randBig(1n, scale * BigInt(randInt(1, 4)) / BigInt(10 ** randInt(0, 8)) + 1n);
    const report = ballast.check(caseFor(p, zeroForOne, exactIn, amount));
    assert.notEqual(report.verdict, 'error', `pool ${i} rejected: ${JSON.stringify(report.errors)}`);
    let theirs = null;
    try {
      theirs = await sdkSwap(p, zeroForOne, exactIn, amount);
    } catch {
      theirs = null;
    }
    const a = report.actions[0];
    const infeasible = report.findings.some((f) => f.rule === 'action.infeasible');
    if (infeasible) {
      // Ballast refuses partial fills (the router would revert); the SDK may return them.
      if (theirs === null) bothRefuse++;
      else sdkPartial++;
      continue;
    }
    compared++;
    const ours = exactIn ? { in: amount, out: BigInt(a.expected_out) } : { in: BigInt(a.expected_in), out: amount };
    if (theirs && ours.in === theirs.in && ours.out === theirs.out) identical++;
    else differences.push({ i, fee: p.fee, zeroForOne, exactIn, amount: amount.toString(), ours, theirs });
  }
  console.log(`compared ${compared}: ${identical} identical; ${bothRefuse} refused by both; ` +
    `${sdkPartial} refused by Ballast (partial fill) where the SDK returns a partial result`);
  assert.ok(compared >= N * 0.6, `too few comparable swaps: ${compared}`);
  assert.deepEqual(differences.slice(0, 3), [], `${differences.length} differences`);
});
