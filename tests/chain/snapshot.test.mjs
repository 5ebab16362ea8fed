// The snapshot tool (@ballast/checker/chain and the ballast-snapshot bin) against contracts in a
// local EVM: every figure equals what the contracts return, the same block gives the same bytes
// (through Multicall3 and through JSON-RPC batches alike), transient RPC failures are retried,
// and every bad input (config, endpoint, block, contract, price, tick count) is a clear error
// naming the asset or venue and the call, never a partial document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from '../../wasm/src/index.mjs';
import { snapshot, readConfig, decimalOf, tickWords } from '../../wasm/src/chain.mjs';
import { startEvm } from './evm.mjs';
import { A, DEADLINE, MAX, installMulticall3, mintPosition, sorted, token, uniswap, v3Pool } from './world.mjs';

const BIN = fileURLToPath(new URL('../../wasm/bin/ballast-snapshot.mjs', import.meta.url));
const Q96 = 2n ** 96n;
let evm;
let w;

before(async () => {
  evm = await startEvm();
  await installMulticall3(evm);
  const me = evm.account.address;
  const u = await uniswap(evm);
  const usdc = await token(evm, 'USDC', 6, 10n ** 30n);
  const wbtc = await token(evm, 'WBTC', 8, 10n ** 30n);
  const dai = await token(evm, 'DAI', 18, 10n ** 40n);
  await evm.send(u.weth, A.weth.abi, 'deposit', [], 5n * 10n ** 18n);
  for (const t of [usdc, dai]) await evm.send(t, A.TestToken.abi, 'approve', [u.v2Router, MAX]);
  await evm.send(u.v2Router, A.v2Router.abi, 'addLiquidity', [usdc, dai, 5n * 10n ** 12n, 5n * 10n ** 24n, 0n, 0n, me, DEADLINE]);
  const pair = await evm.read(u.v2Factory, A.v2Factory.abi, 'getPair', [usdc, dai]);
  // A v3 pool with ticks in three bitmap words, one pair of them cancelling (net 0 at a tick).
  const pool = await v3Pool(evm, u, wbtc, dai, 3000, Q96);
  const [t0, t1] = sorted(wbtc, dai);
  const minted = [];
  for (const [lo, hi] of [[-600, 600], [-16020, 16980], [600, 1200], [-120, 16980], [-30000, -15000]]) {
    minted.push([lo, hi, await mintPosition(evm, u, t0, t1, 3000, lo, hi, 10n ** 20n, 10n ** 20n)]);
  }
  assert.ok(minted.every(([, , l]) => l > 0n), 'every position minted');
  // A pool priced below every position: zero active liquidity.
  const empty = await v3Pool(evm, u, usdc, dai, 500, Q96);
  const [e0, e1] = sorted(usdc, dai);
  await mintPosition(evm, u, e0, e1, 500, 1000, 2000, 10n ** 20n, 10n ** 20n);
  const curve = await evm.deploy(A.MockCurvePool, [[usdc, dai], [123456789n, 987654321000000000000n], 200000n, 4000000n, 5000000000n]);
  const feed = await evm.deploy(A.MockAggregator, [8]);
  const ethFeed = await evm.deploy(A.MockAggregator, [18]);
  const block = await evm.pub.getBlock();
  await evm.send(feed, A.MockAggregator.abi, 'set', [100012345n, block.timestamp - 3600n]);
  await evm.send(ethFeed, A.MockAggregator.abi, 'set', [3120550000000000000000n, block.timestamp]);
  w = { me, u, usdc, wbtc, dai, pair, pool, empty, curve, feed, ethFeed, minted };
});

after(() => evm.stop());

function config(over = {}) {
  return {
    ballast: 'snapshot-config/1', chain_id: 31337, account: w.me, numeraire: 'USD',
    assets: [
      { id: 'USDC', address: w.usdc, tags: ['stable'], price: { chainlink: w.feed, max_age_hours: 2 } },
      { id: 'WBTC', address: w.wbtc, price: { fixed: '90000.5' } },
      { id: 'DAI', address: w.dai, tags: ['stable'], price: { fixed: '1' } },
      { id: 'WETH', address: w.u.weth, tags: ['eth'], price: { chainlink: w.ethFeed } },
      { id: 'ETH', native: true, tags: ['eth'], price: { chainlink: w.ethFeed } },
    ],
    venues: [
      { id: 'v2', kind: 'uniswap_v2', address: w.pair },
      { id: 'v3', kind: 'uniswap_v3', address: w.pool, tick_words: 1 },
      { id: 'v3-empty', kind: 'uniswap_v3', address: w.empty },
      { id: 'curve', kind: 'curve_stableswap', address: w.curve, template: 'plain' },
      { id: 'cow', kind: 'limit_order' },
    ],
    contracts: [{ address: w.u.v2Router, kind: 'uniswap_v2_router' }, { address: w.u.weth, kind: 'weth' }],
    obligations: { monthly_opex: '1000' },
    history: [{ at: '2026-01-01T00:00:00Z', kind: 'swap', value: '10', loss: '0' }],
    ...over,
  };
}

async function rejects(promise, code, ...parts) {
  const e = await promise.then(() => null, (x) => x);
  assert.ok(e, `expected an error ${code}`);
  assert.equal(e.code, code, e.message);
  for (const p of parts) assert.match(e.message, p instanceof RegExp ? p : new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
  return e;
}

test('every figure equals what the contracts return', async () => {
  const t = await snapshot({ rpc: evm.url, config: config() });
  const block = await evm.pub.getBlock({ blockNumber: BigInt(t.block) });
  assert.equal(t.as_of, new Date(Number(block.timestamp) * 1000).toISOString().replace('.000Z', 'Z'));
  assert.equal(t.account, w.me.toLowerCase());
  assert.equal(t.chain_id, 31337);
  const byId = Object.fromEntries(t.assets.map((a) => [a.id, a]));
  for (const [id, addr, dec] of [['USDC', w.usdc, 6], ['WBTC', w.wbtc, 8], ['DAI', w.dai, 18], ['WETH', w.u.weth, 18]]) {
    const abi = id === 'WETH' ? A.weth.abi : A.TestToken.abi;
    assert.equal(byId[id].decimals, dec);
    assert.equal(byId[id].balance, String(await evm.read(addr, abi, 'balanceOf', [w.me])), id);
  }
  assert.equal(byId.ETH.balance, String(await evm.pub.getBalance({ address: w.me, blockNumber: BigInt(t.block) })));
  assert.equal(byId.ETH.decimals, 18);
  assert.equal(byId.ETH.native, true);
  assert.equal(byId.USDC.price, '1.00012345');
  assert.equal(byId.ETH.price, '3120.55');
  assert.equal(byId.WBTC.price, '90000.5');
  assert.deepEqual(byId.USDC.tags, ['stable']);

  const v = Object.fromEntries(t.venues.map((x) => [x.id, x]));
  const [r0, r1] = await evm.read(w.pair, A.v2Pair.abi, 'getReserves');
  const token0 = await evm.read(w.pair, A.v2Pair.abi, 'token0');
  assert.deepEqual([v.v2.token0, v.v2.reserve0, v.v2.reserve1, v.v2.fee_bps],
    [token0.toLowerCase() === w.usdc.toLowerCase() ? 'USDC' : 'DAI', String(r0), String(r1), 30]);

  const [sqrtP, tick] = await evm.read(w.pool, A.v3Pool.abi, 'slot0');
  assert.equal(v.v3.sqrt_price_x96, String(sqrtP));
  assert.equal(v.v3.tick, tick);
  assert.equal(v.v3.fee_pips, 3000);
  assert.equal(v.v3.tick_spacing, 60);
  assert.equal(v.v3.liquidity, String(await evm.read(w.pool, A.v3Pool.abi, 'liquidity')));
  // Words -1, 0 and 1 of tick spacing 60: ticks -15360 .. 30660; the positions' ticks -16020
  // and -30000 fall outside the window, the rest are listed with the pool's own liquidityNet
  // (16980 is the upper tick of two positions).
  assert.deepEqual(v.v3.tick_window, [-15360, 30660]);
  const expected = [];
  for (const t2 of [-15000, -600, -120, 600, 1200, 16980]) {
    const info = await evm.read(w.pool, A.v3Pool.abi, 'ticks', [t2]);
    expected.push({ index: t2, liquidity_net: String(info[1]) });
  }
  assert.deepEqual(v.v3.ticks, expected);
  assert.equal(v['v3-empty'].liquidity, '0');
  assert.ok(v['v3-empty'].ticks.length === 2);
  assert.deepEqual(v.curve, { id: 'curve', kind: 'curve_stableswap', coins: ['USDC', 'DAI'],
    balances: ['123456789', '987654321000000000000'], amp: 2000, amp_precise: 200000, fee: '4000000',
    admin_fee: '5000000000', address: w.curve.toLowerCase(), template: 'plain' });
  assert.deepEqual(v.cow, { id: 'cow', kind: 'limit_order' });
  assert.deepEqual(t.obligations, { monthly_opex: '1000' });
  assert.equal(t.history.length, 1);

  // The core reads it: valid, and a check against it runs.
  const ballast = await load();
  assert.deepEqual(ballast.validate(t).errors, []);
  const report = ballast.check({ policy: { ballast: 'policy/1', numeraire: 'USD' }, treasury: t,
    proposal: { ballast: 'proposal/1', actions: [{ type: 'swap', venue: 'v3-empty', sell: 'DAI', buy: 'USDC', amount_in: '1000' }] } });
  assert.notEqual(report.verdict, 'error', JSON.stringify(report.errors));
});

test('the same block gives the same bytes, through Multicall3 and through JSON-RPC batches', async () => {
  const first = await snapshot({ rpc: evm.url, config: config() });
  // The chain moves on: a swap on the v2 pair and a new block.
  await evm.send(w.u.v2Router, A.v2Router.abi, 'swapExactTokensForTokens', [10n ** 9n, 0n, [w.usdc, w.dai], w.me, DEADLINE]);
  const again = await snapshot({ rpc: evm.url, config: config(), block: first.block });
  assert.equal(JSON.stringify(again), JSON.stringify(first));
  const latest = await snapshot({ rpc: evm.url, config: config() });
  assert.notEqual(latest.venues[0].reserve0, first.venues[0].reserve0);
  // No Multicall3 at the given address: single eth_calls, sent as JSON-RPC batches.
  const batched = await snapshot({ rpc: evm.url, config: config({ multicall: '0x000000000000000000000000000000000000dEaD' }), block: first.block });
  assert.equal(JSON.stringify(batched), JSON.stringify(first));
});

// An HTTP proxy in front of anvil that answers the first `failures` requests with 503 (a
// transient failure), or never answers at all (`hang`).
async function proxy({ failures = 0, hang = false }) {
  let seen = 0;
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    if (hang) return;
    if (seen++ < failures) {
      res.writeHead(503).end('busy');
      return;
    }
    const r = await fetch(evm.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) });
    res.writeHead(r.status, { 'content-type': 'application/json' }).end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => { server.closeAllConnections(); server.close(); }, seen: () => seen };
}

test('transient RPC failures are retried; a dead or silent endpoint is an error, in bounded time', async () => {
  const flaky = await proxy({ failures: 2 });
  try {
    const t = await snapshot({ rpc: flaky.url, config: config(), retries: 3 });
    assert.equal(t.ballast, 'treasury/1');
    assert.ok(flaky.seen() > 2);
  } finally {
    flaky.close();
  }
  const down = await proxy({ failures: 1000 });
  try {
    await rejects(snapshot({ rpc: down.url, config: config(), retries: 1 }), 'rpc_failed', 'eth_chainId');
  } finally {
    down.close();
  }
  const silent = await proxy({ hang: true });
  const t0 = Date.now();
  try {
    await rejects(snapshot({ rpc: silent.url, config: config(), retries: 0, timeoutMs: 300 }), 'rpc_failed');
  } finally {
    silent.close();
  }
  assert.ok(Date.now() - t0 < 10_000);
  await rejects(snapshot({ rpc: 'http://127.0.0.1:1', config: config(), retries: 0 }), 'rpc_failed');
});

test('bad chain input: each a clear error naming the asset or venue and the call', async () => {
  const rpc = evm.url;
  await rejects(snapshot({ rpc, config: config(), block: 10n ** 9n }), 'block_not_found', 'block 1000000000');
  await rejects(snapshot({ rpc, config: config({ chain_id: 1 }) }), 'chain_mismatch', 'chain 31337', 'chain_id 1');
  // An EOA where a token should be.
  const eoa = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  const withEoa = config();
  withEoa.assets[1].address = eoa;
  await rejects(snapshot({ rpc, config: withEoa }), 'chain_no_code', 'asset WBTC', eoa);
  // A v2 pair given as a v3 pool, and a v3 pool given as a v2 pair.
  await rejects(snapshot({ rpc, config: config({ venues: [{ id: 'x', kind: 'uniswap_v3', address: w.pair }] }) }),
    'chain_read_failed', 'venue x', 'fee()', 'not a uniswap_v3 pool');
  await rejects(snapshot({ rpc, config: config({ venues: [{ id: 'y', kind: 'uniswap_v2', address: w.pool }] }) }),
    'chain_read_failed', 'venue y', 'getReserves()');
  await rejects(snapshot({ rpc, config: config({ venues: [{ id: 'z', kind: 'curve_stableswap', address: w.pair }] }) }),
    'chain_read_failed', 'venue z', 'A()');
  // A token the config does not list.
  const noDai = config({ venues: [{ id: 'v2', kind: 'uniswap_v2', address: w.pair }] });
  noDai.assets = noDai.assets.filter((a) => a.id !== 'DAI');
  await rejects(snapshot({ rpc, config: noDai }), 'not_an_asset', 'venue v2', w.dai);
  // More ticks than the limit.
  await rejects(snapshot({ rpc, config: config(), maxTicks: 3 }), 'too_many_ticks', 'venue v3', '6 initialized ticks');
  // A stale price, a negative one, a zero one.
  const stale = config();
  stale.assets[0].price.max_age_hours = 0.5;
  await rejects(snapshot({ rpc, config: stale }), 'stale_price', 'asset USDC', 'limit 0.5 h');
  await evm.send(w.feed, A.MockAggregator.abi, 'set', [-5n, (await evm.pub.getBlock()).timestamp]);
  await rejects(snapshot({ rpc, config: config() }), 'bad_price', 'asset USDC', 'answers -5');
  await evm.send(w.feed, A.MockAggregator.abi, 'set', [0n, (await evm.pub.getBlock()).timestamp]);
  await rejects(snapshot({ rpc, config: config() }), 'bad_price', 'asset USDC', 'answers 0');
  await evm.send(w.feed, A.MockAggregator.abi, 'set', [100012345n, (await evm.pub.getBlock()).timestamp]);
  // An aggregator that is not one.
  const notFeed = config();
  notFeed.assets[0].price.chainlink = w.dai;
  await rejects(snapshot({ rpc, config: notFeed }), 'chain_read_failed', 'asset USDC', 'latestRoundData()');
});

test('bad config: an error with the JSON pointer, before any RPC call', () => {
  const cases = [
    [{ ...config(), extra: 1 }, '/extra', 'unknown field'],
    [config({ ballast: 'snapshot-config/2' }), '/ballast', 'snapshot-config/1'],
    [config({ account: '0x12' }), '/account', 'an address'],
    [config({ account: '0x5aFE5afe5afe5afe5afe5afe5afe5afe5afe5afe' }), '/account', 'EIP-55 checksum'],
    [config({ venues: [{ id: 'v', kind: 'uniswap_v4', address: w.pair }] }), '/venues/0/kind', 'uniswap_v4'],
    [config({ venues: [{ id: 'v', kind: 'uniswap_v3', address: w.pool, tick_words: 65 }] }), '/venues/0/tick_words', '0..64'],
    [config({ venues: [{ id: 'v', kind: 'uniswap_v2', address: w.pair, tick_words: 1 }] }), '/venues/0/tick_words', 'belongs to uniswap_v3'],
    [config({ venues: [{ id: 'v', kind: 'uniswap_v2' }] }), '/venues/0/address', 'missing'],
    [config({ assets: [{ id: 'A', address: w.usdc, price: { fixed: '-1' } }] }), '/assets/0/price/fixed', 'a decimal'],
    [config({ assets: [{ id: 'A', address: w.usdc, price: { fixed: '1', chainlink: w.feed } }] }), '/assets/0/price', 'not both'],
    [config({ assets: [{ id: 'A', address: w.usdc, native: true, price: { fixed: '1' } }] }), '/assets/0/address', 'native asset'],
    [config({ assets: [{ id: 'A', address: w.usdc, price: { fixed: '1' } }, { id: 'A', address: w.dai, price: { fixed: '1' } }] }), '/assets/1', 'duplicate asset id'],
  ];
  for (const [c, pointer, text] of cases) {
    let e = null;
    try {
      readConfig(c);
    } catch (x) {
      e = x;
    }
    assert.ok(e, `${pointer}: no error`);
    assert.equal(e.code, 'invalid_config');
    assert.equal(e.path, pointer, e.message);
    assert.ok(e.message.includes(text), e.message);
  }
  assert.throws(() => readConfig('{not json'), { code: 'invalid_config' });
});

test("the endowment example's mainnet config reads, and names the example treasury's assets and venues", () => {
  const root = new URL('../../examples/endowment/', import.meta.url);
  const c = readConfig(readFileSync(new URL('snapshot-config.json', root), 'utf8'));
  const t = JSON.parse(readFileSync(new URL('treasury.json', root), 'utf8'));
  assert.deepEqual(c.assets.map((a) => [a.id, a.address]), t.assets.map((a) => [a.id, a.address]));
  assert.deepEqual(c.venues.map((v) => [v.id, v.kind]), t.venues.map((v) => [v.id, v.kind]));
  assert.equal(c.account, t.account);
});

test('helpers: exact decimals and the tick window of SPEC 12', () => {
  assert.equal(decimalOf(100012345n, 8), '1.00012345');
  assert.equal(decimalOf(5n, 8), '0.00000005');
  assert.equal(decimalOf(3120550000000000000000n, 18), '3120.55');
  assert.equal(decimalOf(42n, 0), '42');
  // tick -1, spacing 10: compressed -1, word -1; two words each side.
  assert.deepEqual(tickWords(-1, 10, 2), { words: [-3, -2, -1, 0, 1], window: [-7680, 5110] });
  // Near the lowest usable tick the words stop at the last one that holds usable ticks.
  const low = tickWords(-887272, 1, 2);
  assert.equal(low.words[0], -3466);
  assert.equal(low.window[0], -887272);
});

test('ballast-snapshot: the document on standard output, exit 2 for bad config, 3 for chain errors', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ballast-snapshot-'));
  const file = path.join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config()));
  const block = Number(await evm.pub.getBlockNumber());
  const run = (...args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
  const ok = run('--rpc', evm.url, '--config', file, '--block', String(block));
  assert.equal(ok.status, 0, ok.stderr);
  const expected = await snapshot({ rpc: evm.url, config: config(), block });
  assert.equal(ok.stdout, `${JSON.stringify(expected, null, 2)}\n`);
  writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ ...config(), nope: true }));
  const bad = run('--rpc', evm.url, '--config', path.join(dir, 'bad.json'));
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /invalid_config: snapshot-config \/nope: unknown field/);
  assert.equal(bad.stdout, '');
  const missing = run('--rpc', evm.url, '--config', file, '--block', String(10 ** 9));
  assert.equal(missing.status, 3);
  assert.match(missing.stderr, /block_not_found/);
  assert.equal(missing.stdout, '');
  assert.equal(run('--config', file).status, 2);
  assert.equal(run('--rpc', evm.url, '--config', file, '--block', 'soon').status, 2);
});
