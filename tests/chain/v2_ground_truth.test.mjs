// Ground truth for Uniswap v2: the pair and Router02 from their npm artifacts executing in anvil.
// On a fixed seed, random swaps (exact input and output, both directions, from one base unit to
// most of the reserve, on a pool whose reserves move with every swap and with added liquidity):
// the pool is read by the snapshot tool (@ballast/checker/chain) into a treasury/1, the swap checked by Ballast through the npm
// package, then executed through Router02; Ballast's expected_out / expected_in must equal what the
// contract transferred, and a swap Ballast reports infeasible must revert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../../wasm/src/index.mjs';
import { snapshot } from '../../wasm/src/chain.mjs';
import { startEvm } from './evm.mjs';
import { A, DEADLINE, MAX, installMulticall3, logUniform, rng, token, uniswap } from './world.mjs';

const N = Number(process.env.BALLAST_CHAIN_N || 1000);
const ERC20 = A.TestToken;
const PAIR = A.v2Pair;
const FACTORY = A.v2Factory;
const ROUTER = A.v2Router;

test(`Uniswap v2: ${N} random swaps, Ballast's amounts equal the contracts' in a real EVM`, { timeout: Math.max(600_000, N * 300) }, async () => {
  const ballast = await load();
  const evm = await startEvm();
  try {
    const me = evm.account.address;
    await installMulticall3(evm);
    const { v2Factory: factory, v2Router: router } = await uniswap(evm);
    // A USDC-like token (6 decimals) against a DAI-like one (18).
    const tokenA = await token(evm, 'A', 6, 10n ** 60n);
    const tokenB = await token(evm, 'B', 18, 10n ** 60n);
    for (const t of [tokenA, tokenB]) await evm.send(t, ERC20.abi, 'approve', [router, MAX]);
    await evm.send(router, ROUTER.abi, 'addLiquidity',
      [tokenA, tokenB, 3n * 10n ** 12n, 10n ** 24n, 0n, 0n, me, DEADLINE]);
    const pair = await evm.read(factory, FACTORY.abi, 'getPair', [tokenA, tokenB]);
    const token0 = (await evm.read(pair, PAIR.abi, 'token0')).toLowerCase();
    const ids = { [tokenA.toLowerCase()]: 'A', [tokenB.toLowerCase()]: 'B' };
    const random = rng(20261130);
    const policy = { ballast: 'policy/1', numeraire: 'USD' };
    const config = {
      ballast: 'snapshot-config/1', chain_id: 31337, account: me, numeraire: 'USD',
      assets: [{ id: 'A', address: tokenA, price: { fixed: '1' } }, { id: 'B', address: tokenB, price: { fixed: '1' } }],
      venues: [{ id: 'pair', kind: 'uniswap_v2', address: pair }],
    };
    let compared = 0;
    let reverted = 0;
    for (let i = 0; i < N; i++) {
      const [q0, q1] = await evm.read(pair, PAIR.abi, 'getReserves');
      if (i % 97 === 96 && q0 < 2n ** 100n && q1 < 2n ** 100n) {  // now and then, more liquidity at the current price
        const [r0, r1] = [q0, q1];
        const a0 = r0 / 3n + 1n;
        const [amtA, amtB] = token0 === tokenA.toLowerCase() ? [a0, (a0 * r1) / r0 + 1n] : [(a0 * r1) / r0 + 1n, a0];
        await evm.send(router, ROUTER.abi, 'addLiquidity', [tokenA, tokenB, amtA, amtB, 0n, 0n, me, DEADLINE]);
      }
      const treasury = await snapshot({ rpc: evm.url, config });
      const venue = treasury.venues[0];
      const [r0, r1] = await evm.read(pair, PAIR.abi, 'getReserves');
      assert.deepEqual([venue.token0, venue.reserve0, venue.reserve1], [ids[token0], String(r0), String(r1)], `swap ${i}: snapshot`);
      const sellA = random() < 0.5;
      const exactIn = random() < 0.5;
      const [sell, buy] = sellA ? [tokenA, tokenB] : [tokenB, tokenA];
      const sellIs0 = sell.toLowerCase() === token0;
      const [rIn, rOut] = sellIs0 ? [r0, r1] : [r1, r0];
      const amount = exactIn ? logUniform(random, rIn) : logUniform(random, (rOut * 9n) / 10n);
      const swap = { type: 'swap', venue: 'pair', sell: ids[sell.toLowerCase()], buy: ids[buy.toLowerCase()] };
      if (exactIn) swap.amount_in = String(amount);
      else swap.amount_out = String(amount);
      const report = ballast.check({ policy, treasury, proposal: { ballast: 'proposal/1', actions: [swap] } });
      assert.notEqual(report.verdict, 'error', JSON.stringify(report.errors));
      const infeasible = report.findings.some((f) => f.rule === 'action.infeasible');
      const before = await Promise.all([sell, buy].map((t) => evm.read(t, ERC20.abi, 'balanceOf', [me])));
      const held = (t) => treasury.assets.find((a) => a.address === t.toLowerCase()).balance;
      assert.deepEqual([held(sell), held(buy)], before.map(String), `swap ${i}: snapshot balances`);
      const fn = exactIn ? 'swapExactTokensForTokens' : 'swapTokensForExactTokens';
      const args = exactIn ? [amount, 0n, [sell, buy], me, DEADLINE] : [amount, MAX, [sell, buy], me, DEADLINE];
      let receipt = null;
      let failure = '';
      try {
        await evm.pub.simulateContract({ account: evm.account, address: router, abi: ROUTER.abi, functionName: fn, args });
        receipt = await evm.send(router, ROUTER.abi, fn, args);
      } catch (e) {
        receipt = null;
        failure = e.shortMessage || e.message;
      }
      const what = `swap ${i}: ${exactIn ? 'exact in' : 'exact out'} ${amount} ${swap.sell}->${swap.buy}, reserves ${r0}/${r1}`;
      if (infeasible) {
        assert.equal(receipt, null, `${what}: Ballast says it reverts, the chain executed it`);
        reverted++;
        continue;
      }
      assert.ok(receipt, `${what}: the chain reverted (${failure}), Ballast expected ${JSON.stringify(report.actions[0])}`);
      const after = await Promise.all([sell, buy].map((t) => evm.read(t, ERC20.abi, 'balanceOf', [me])));
      const paid = before[0] - after[0];
      const got = after[1] - before[1];
      if (exactIn) {
        assert.equal(paid, amount, what);
        assert.equal(report.actions[0].expected_out, String(got), what);
      } else {
        assert.equal(got, amount, what);
        assert.equal(report.actions[0].expected_in, String(paid), what);
      }
      compared++;
    }
    console.log(`# ${compared} swaps equal to the chain's amounts, ${reverted} reverted on both`);
    assert.ok(compared >= N * 0.8, `only ${compared} of ${N} swaps executed`);
  } finally {
    evm.stop();
  }
});
