// Export, decoded independently: every transaction of every export is decoded by ethers' ABI coder
// with the routers' published interfaces (IUniswapV2Router02, SwapRouter02's IV3SwapRouter and
// multicall, a Curve plain pool, GPv2Settlement, ERC-20, WETH9) — not by Ballast's decoder — and
// compared with what the proposal's actions say: tokens, amounts, bounds, recipient, deadline,
// path, and exactly the approvals the swaps spend. Then the round trip: importing the export gives
// the proposal's actions plus those approvals, and checking it gives the proposal's findings. The
// Tx Builder checksum of every export is recomputed by the published algorithm (checked first
// against its upstream test vector). On the endowment example and 2,000 random proposals (fixed seed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { Interface, keccak256, toUtf8Bytes } from 'ethers';
import { load } from '../../wasm/src/index.mjs';
import { rng } from '../support/random.mjs';

const N = Number(process.env.BALLAST_EXPORT_N || 2000);
const root = new URL('../../examples/endowment/', import.meta.url);
const read = (f) => JSON.parse(readFileSync(new URL(f, root), 'utf8'));
const policy = read('policy.json');
// The endowment treasury with the native coin added, so that ETH is bought and sold too.
const treasury = read('treasury.json');
treasury.assets.push({ id: 'ETH', decimals: 18, balance: '2000000000000000000000', price: '3120', tags: ['eth'], native: true });

const ROUTER02 = '0x7a250d5630b4cf539739df2c5dacb4c659f2488d';
const SWAP_ROUTER02 = '0x68b3465833fb72a70ecdf485e0e4c7bd8665fc45';
const SETTLEMENT = '0x9008d19f58aabd9ed0d60971565aa8510560ab41';
const RELAYER = '0xc92e8bdf79f0507f65a392b0ab4667716bfe0110';
const ADDRESS_THIS = '0x0000000000000000000000000000000000000002';

const abi = new Interface([
  'function approve(address spender, uint256 amount)',
  'function transfer(address to, uint256 amount)',
  'function deposit()',
  'function withdraw(uint256 wad)',
  'function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function swapTokensForExactTokens(uint256 amountOut, uint256 amountInMax, address[] path, address to, uint256 deadline)',
  'function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function swapETHForExactTokens(uint256 amountOut, address[] path, address to, uint256 deadline)',
  'function swapExactTokensForETH(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function swapTokensForExactETH(uint256 amountOut, uint256 amountInMax, address[] path, address to, uint256 deadline)',
  'function multicall(uint256 deadline, bytes[] data)',
  'function exactInputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 amountIn, uint256 amountOutMinimum, uint160 sqrtPriceLimitX96) params)',
  'function exactOutputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 amountOut, uint256 amountInMaximum, uint160 sqrtPriceLimitX96) params)',
  'function exactInput((bytes path, address recipient, uint256 amountIn, uint256 amountOutMinimum) params)',
  'function exactOutput((bytes path, address recipient, uint256 amountOut, uint256 amountInMaximum) params)',
  'function unwrapWETH9(uint256 amountMinimum, address recipient)',
  'function refundETH()',
  'function exchange(int128 i, int128 j, uint256 dx, uint256 min_dy)',
  'function setPreSignature(bytes orderUid, bool signed)',
]);

// The Transaction Builder's checksum (safe-react-apps apps/tx-builder/src/lib/checksum.ts):
// keccak256 of the file serialised with sorted keys, meta.name as null, meta.checksum left out.
function serialize(json) {
  if (Array.isArray(json)) return `[${json.map(serialize).join(',')}]`;
  if (typeof json === 'object' && json !== null) {
    const keys = Object.keys(json).sort();
    let acc = `{${JSON.stringify(keys)}`;
    for (const k of keys) acc += `${serialize(json[k])},`;
    return `${acc}}`;
  }
  return JSON.stringify(json === undefined ? null : json);
}
function checksum(batch) {
  const { checksum: _, ...meta } = batch.meta;
  return keccak256(toUtf8Bytes(serialize({ ...batch, meta: { ...meta, name: null } })));
}

const lower = (x) => String(x).toLowerCase();
const assetById = Object.fromEntries(treasury.assets.map((a) => [a.id, a]));
const venueById = Object.fromEntries(treasury.venues.map((v) => [v.id, v]));
const WETH = assetById.WETH.address;
const tokenOf = (id) => (assetById[id].native ? WETH : assetById[id].address);

// The operations an export's calls perform, read by ethers alone.
function decode(calls, account) {
  const ops = [];
  for (const c of calls) {
    if (c.data === '0x') {
      ops.push({ op: 'pay', to: lower(c.to), amount: BigInt(c.value) });
      continue;
    }
    const tx = abi.parseTransaction({ data: c.data, value: BigInt(c.value) });
    assert.ok(tx, `undecodable call to ${c.to}: ${c.data.slice(0, 10)}`);
    const a = tx.args;
    const to = lower(c.to);
    switch (tx.name) {
      case 'approve': ops.push({ op: 'approve', token: to, spender: lower(a.spender), amount: a.amount }); break;
      case 'transfer': ops.push({ op: 'transfer', token: to, to: lower(a.to), amount: a.amount }); break;
      case 'deposit': ops.push({ op: 'wrap', amount: BigInt(c.value) }); break;
      case 'withdraw': ops.push({ op: 'unwrap', amount: a.wad }); break;
      case 'multicall': {
        const inner = a.data.map((d) => abi.parseTransaction({ data: d }));
        ops.push({ op: 'multicall', to, deadline: a.deadline, value: BigInt(c.value), inner: inner.map((t) => ({ name: t.name, args: t.args })) });
        break;
      }
      case 'setPreSignature': ops.push({ op: 'presign', to, uid: a.orderUid, signed: a.signed }); break;
      default: ops.push({ op: tx.name, to, args: a, value: BigInt(c.value) });
    }
  }
  return ops;
}

// What an action must become, written from the proposal/1 action alone.
function expected(action, account, deadline) {
  const amt = (k) => BigInt(action[k]);
  if (action.type === 'transfer') {
    return assetById[action.asset].native ? [{ op: 'pay', to: lower(action.to), amount: amt('amount') }]
      : [{ op: 'transfer', token: tokenOf(action.asset), to: lower(action.to), amount: amt('amount') }];
  }
  if (action.type === 'approve') return [{ op: 'approve', token: tokenOf(action.asset), spender: lower(action.spender), amount: amt('amount') }];
  if (action.type === 'wrap' || action.type === 'unwrap') return [{ op: action.type, amount: amt('amount') }];
  const exactIn = 'amount_in' in action;
  const amount = exactIn ? amt('amount_in') : amt('amount_out');
  const bound = exactIn ? amt('min_amount_out') : amt('max_amount_in');
  const ethIn = assetById[action.sell].native;
  const ethOut = assetById[action.buy].native;
  const venues = action.route || [action.venue];
  const kind = venueById[venues[0]].kind;
  const tokens = [action.sell, ...(action.via || []), action.buy].map(tokenOf);
  const spender = kind === 'uniswap_v2' ? ROUTER02 : kind === 'uniswap_v3' ? SWAP_ROUTER02 : kind === 'curve_stableswap' ? venueById[venues[0]].address : RELAYER;
  const allowance = exactIn ? amount : bound;
  const before = ethIn ? [] : [{ op: 'approve', token: tokenOf(action.sell), spender, amount: allowance }];
  const after = ethIn || exactIn || kind === 'limit_order' ? [] : [{ op: 'approve', token: tokenOf(action.sell), spender, amount: 0n }];
  let call;
  if (kind === 'uniswap_v2') {
    const name = exactIn ? (ethIn ? 'swapExactETHForTokens' : ethOut ? 'swapExactTokensForETH' : 'swapExactTokensForTokens')
      : (ethIn ? 'swapETHForExactTokens' : ethOut ? 'swapTokensForExactETH' : 'swapTokensForExactTokens');
    call = { op: name, to: ROUTER02, path: tokens, amount, bound, recipient: account, deadline, value: ethIn ? allowance : 0n };
  } else if (kind === 'uniswap_v3') {
    call = { op: 'v3', tokens, exactIn, amount, bound, recipient: ethOut ? ADDRESS_THIS : account, unwrapTo: ethOut ? account : null,
      refund: ethIn && !exactIn, value: ethIn ? allowance : 0n, deadline };
  } else if (kind === 'curve_stableswap') {
    const coins = venueById[venues[0]].coins;
    call = { op: 'exchange', to: venueById[venues[0]].address, i: BigInt(coins.indexOf(action.sell)), j: BigInt(coins.indexOf(action.buy)), amount, bound };
  } else {
    call = { op: 'presign' };
  }
  return [...before, call, ...after];
}

// Whether a decoded op is the expected one.
function same(got, want, what) {
  if (want.op === 'v3') {
    assert.equal(got.op, 'multicall', what);
    assert.equal(got.to, SWAP_ROUTER02, what);
    assert.equal(got.deadline, want.deadline, `${what}: deadline`);
    assert.equal(got.value, want.value, `${what}: value`);
    const [swap, ...rest] = got.inner;
    if (want.refund) assert.equal(rest.shift()?.name, 'refundETH', `${what}: refundETH after an exact-output swap of ETH`);
    const [unwrap] = rest;
    const p = swap.args.params;
    if (swap.name.endsWith('Single')) {
      assert.deepEqual([lower(p.tokenIn), lower(p.tokenOut)], want.tokens, `${what}: tokens`);
      assert.equal(p.sqrtPriceLimitX96, 0n, what);
    } else {
      const hex = p.path.slice(2);
      const path = [];
      for (let k = 0; k < hex.length; k += 46) path.push(`0x${hex.slice(k, k + 40)}`);
      assert.deepEqual(want.exactIn ? path : path.reverse(), want.tokens, `${what}: path`);
    }
    assert.equal(swap.name.startsWith('exactInput'), want.exactIn, what);
    assert.equal(want.exactIn ? p.amountIn : p.amountOut, want.amount, `${what}: amount`);
    assert.equal(want.exactIn ? p.amountOutMinimum : p.amountInMaximum, want.bound, `${what}: bound`);
    assert.equal(lower(p.recipient), want.recipient, `${what}: recipient`);
    if (want.unwrapTo) {
      assert.equal(unwrap.name, 'unwrapWETH9', what);
      assert.equal(lower(unwrap.args.recipient), want.unwrapTo, what);
      assert.equal(unwrap.args.amountMinimum, want.exactIn ? want.bound : want.amount, what);
    } else {
      assert.equal(unwrap, undefined, what);
    }
    return;
  }
  if (want.op.startsWith('swap')) {
    assert.equal(got.op, want.op, what);
    assert.equal(got.to, want.to, what);
    const a = got.args;
    assert.deepEqual(a.path.map(lower), want.path, `${what}: path`);
    assert.equal(lower(a.to), want.recipient, `${what}: recipient`);
    assert.equal(a.deadline, want.deadline, `${what}: deadline`);
    assert.equal(got.value, want.value, `${what}: value`);
    const exactIn = want.op.startsWith('swapExact');
    if (exactIn) {
      if (want.op !== 'swapExactETHForTokens') assert.equal(a.amountIn, want.amount, `${what}: amount`);
      assert.equal(a.amountOutMin, want.bound, `${what}: bound`);
    } else {
      assert.equal(a.amountOut, want.amount, `${what}: amount`);
      if (want.op !== 'swapETHForExactTokens') assert.equal(a.amountInMax, want.bound, `${what}: bound`);
    }
    return;
  }
  if (want.op === 'exchange') {
    assert.equal(got.op, 'exchange', what);
    assert.equal(got.to, want.to, what);
    assert.deepEqual([got.args.i, got.args.j, got.args.dx, got.args.min_dy], [want.i, want.j, want.amount, want.bound], what);
    return;
  }
  if (want.op === 'presign') {
    assert.equal(got.op, 'presign', what);
    assert.equal(got.to, SETTLEMENT, what);
    assert.equal(got.signed, true, what);
    return;
  }
  assert.deepEqual(got, want, what);
}

// Approvals of one CoW sell token are shared: the expected ops merged the way SPEC 16 says.
function mergeCow(ops) {
  const out = [];
  const first = new Map();
  for (const o of ops) {
    if (o.op === 'approve' && o.spender === RELAYER) {
      if (first.has(o.token)) {
        first.get(o.token).amount += o.amount;
        continue;
      }
      const copy = { ...o };
      first.set(o.token, copy);
      out.push(copy);
      continue;
    }
    out.push(o);
  }
  return out;
}

function randomProposal(random) {
  const pick = (l) => l[Math.floor(random() * l.length)];
  const units = (id, max) => String(BigInt(1 + Math.floor(random() * max)) * 10n ** BigInt(assetById[id].decimals - 2));
  const actions = [];
  const n = 1 + Math.floor(random() * 5);
  for (let k = 0; k < n; k++) {
    const kind = pick(['v2', 'v2eth', 'v2route', 'v3', 'v3eth', 'curve', 'cow', 'transfer', 'eth', 'wrap', 'approve']);
    const exactIn = random() < 0.5;
    const swap = (venue, sell, buy, extra = {}) => {
      const s = { type: 'swap', ...(venue ? { venue } : {}), ...extra, sell, buy };
      if (exactIn || extra.exactInOnly) {
        s.amount_in = units(sell, 50000);
        s.min_amount_out = units(buy, 1000);
      } else {
        s.amount_out = units(buy, 50000);
        s.max_amount_in = units(sell, 100000);
      }
      return s;
    };
    if (kind === 'v2') actions.push(swap('univ2-usdc-weth', ...pick([['USDC', 'WETH'], ['WETH', 'USDC']])));
    if (kind === 'v2eth') actions.push(swap(...pick([['univ2-usdc-weth', 'ETH', 'USDC'], ['univ2-usdc-weth', 'USDC', 'ETH'], ['univ2-usdt-weth', 'USDT', 'ETH'], ['univ2-usdt-weth', 'ETH', 'USDT']])));
    if (kind === 'v2route') {
      const [a, b] = pick([['USDC', 'USDT'], ['USDT', 'USDC']]);
      const route = a === 'USDC' ? ['univ2-usdc-weth', 'univ2-usdt-weth'] : ['univ2-usdt-weth', 'univ2-usdc-weth'];
      actions.push(swap(null, a, b, { route, via: ['WETH'] }));
    }
    if (kind === 'v3') actions.push(swap('univ3-usdc-weth-500', ...pick([['USDC', 'WETH'], ['WETH', 'USDC']])));
    if (kind === 'v3eth') actions.push(swap('univ3-usdc-weth-500', ...pick([['USDC', 'ETH'], ['ETH', 'USDC']])));
    if (kind === 'curve') {
      const [a, b] = pick([['DAI', 'USDC'], ['USDT', 'DAI'], ['USDC', 'USDT']]);
      actions.push({ type: 'swap', venue: 'curve-3pool', sell: a, buy: b, amount_in: units(a, 50000), min_amount_out: units(b, 1000) });
    }
    if (kind === 'cow') actions.push(swap('cow', ...pick([['WETH', 'USDC'], ['USDC', 'WETH'], ['DAI', 'USDT']])));
    if (kind === 'transfer') actions.push({ type: 'transfer', asset: pick(['USDC', 'DAI', 'ENS']), amount: units('USDC', 1000).replace(/^/, ''), to: '0xfe89cc7abb2c4183683ab71653c4cdc9b02d44b7' });
    if (kind === 'eth') actions.push({ type: 'transfer', asset: 'ETH', amount: units('ETH', 100), to: '0xfe89cc7abb2c4183683ab71653c4cdc9b02d44b7' });
    if (kind === 'wrap') actions.push({ type: pick(['wrap', 'unwrap']), amount: units('ETH', 100) });
    if (kind === 'approve') actions.push({ type: 'approve', asset: pick(['USDC', 'WETH']), spender: '0x1111111111111111111111111111111111111111', amount: units('USDC', 100) });
  }
  return { ballast: 'proposal/1', id: 'R', title: 'random', submitted_at: '2026-11-21T00:00:00Z', actions };
}

const ballast = await load();

function exportAndCompare(proposal, what) {
  const out = ballast.exportCalls({ treasury, proposal }, { format: 'calls' });
  assert.equal(out.valid, undefined, `${what}: ${JSON.stringify(out.errors)}`);
  const deadline = BigInt(Date.parse(proposal.submitted_at || treasury.as_of) / 1000 + 72 * 3600);
  const account = treasury.account;
  const got = decode(out.document.calls, account);
  const want = mergeCow(proposal.actions.flatMap((a) => expected(a, account, deadline)));
  assert.equal(got.length, want.length, `${what}: ${got.length} calls, expected ${want.length}`);
  got.forEach((g, k) => same(g, want[k], `${what} call ${k}`));
  // CoW orders: the terms the pre-signatures sign.
  const cows = proposal.actions.filter((a) => a.venue === 'cow');
  assert.equal(out.orders.length, cows.length);
  out.orders.forEach((o, k) => {
    const a = cows[k];
    assert.equal(o.kind, 'amount_in' in a ? 'sell' : 'buy');
    assert.equal(o.sellAmount, a.amount_in || a.max_amount_in);
    assert.equal(o.buyAmount, a.min_amount_out || a.amount_out);
    assert.equal(o.receiver, account);
    assert.equal(BigInt(o.validTo), deadline);
  });
  return out;
}

test('the Transaction Builder checksum, reimplemented here, gives the upstream test vector', () => {
  const batch = {"version":"1.0","chainId":"4","createdAt":1646321521061,"meta":{"name":"test batch file","txBuilderVersion":"1.4.0","createdFromSafeAddress":"0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa","createdFromOwnerAddress":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6"},"transactions":[{"to":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6","value":"0","contractMethod":{"inputs":[{"internalType":"address","name":"paramAddress","type":"address"}],"name":"testAddress","payable":false},"contractInputsValues":{"paramAddress":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6"}},{"to":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6","value":"0","contractMethod":{"inputs":[{"internalType":"bool","name":"paramBool","type":"bool"}],"name":"testBool","payable":false},"contractInputsValues":{"paramAddress":"","paramBool":"false"}},{"to":"0x49d4450977E2c95362C13D3a31a09311E0Ea26A6","value":"2000000000000000000","data":"0x42f4579000000000000000000000000049d4450977e2c95362c13d3a31a09311e0ea26a6"}]};
  assert.equal(checksum(batch), '0x86c81826dbf7e8a37612153294cc85fdf5c81998dd0a44b86d945502a7eace7c');
});

test('the endowment tranche exported: decoded by ethers, equal to its actions; its checksum holds', () => {
  const proposal = read('proposal-compliant.json');
  exportAndCompare(proposal, 'endowment');
  const batch = ballast.exportCalls({ treasury, proposal });
  assert.equal(batch.document.meta.checksum, checksum(batch.document));
  assert.equal(batch.document.meta.createdFromSafeAddress, treasury.account);
  assert.equal(batch.document.createdAt, Date.parse(proposal.submitted_at));
});

test(`${N} random proposals: exported calls decode to their actions; import gives them back; check gives the same findings`, () => {
  const random = rng(20261201);
  let exported = 0;
  let calls = 0;
  for (let i = 0; i < N; i++) {
    const proposal = randomProposal(random);
    const out = exportAndCompare(proposal, `proposal ${i}`);
    calls += out.document.calls.length;
    const batch = ballast.exportCalls({ treasury, proposal });
    assert.equal(batch.document.meta.checksum, checksum(batch.document), `proposal ${i}: checksum`);
    // Round trip through the importer, and the verdict.
    const imported = ballast.importCalls(out.document, treasury);
    assert.equal(imported.ballast, 'proposal/1', JSON.stringify(imported.errors));
    const core = (a) => {
      const { origin, deadline, spender, recipient, ...rest } = a;
      return rest;
    };
    const added = imported.actions.filter((a) => a.type !== 'approve' || proposal.actions.some((p) => p.type === 'approve' && p.spender === a.spender));
    assert.deepEqual(added.map(core), proposal.actions.map(core), `proposal ${i}: import(export(p))`);
    const direct = ballast.check({ policy, treasury, proposal });
    const viaCalls = ballast.check({ policy, treasury, calls: out.document });
    const rules = (r) => r.findings.map((f) => `${f.rule} ${f.severity}`).sort();
    // No call.* or calls.* finding; approval.* only where the proposal itself approves (equal findings below).
    assert.ok(!viaCalls.findings.some((f) => /^calls?\./.test(f.rule)), `proposal ${i}: ${rules(viaCalls)} ${JSON.stringify(proposal.actions)}`);
    assert.deepEqual(rules(viaCalls), rules(direct), `proposal ${i}: findings ${JSON.stringify(proposal.actions)}`);
    assert.equal(viaCalls.verdict, direct.verdict, `proposal ${i}: verdict`);
    exported++;
  }
  console.log(`# ${exported} random proposals exported (${calls} calls), decoded by ethers, imported back and checked alike`);
});

test('what export cannot write is an error naming the action', () => {
  const bad = (actions) => ballast.exportCalls({ treasury, proposal: { ballast: 'proposal/1', actions } });
  const cases = [
    [[{ type: 'swap', venue: 'univ2-usdc-weth', sell: 'USDC', buy: 'WETH', amount_in: '1000' }], 'no min_amount_out'],
    [[{ type: 'swap', venue: 'curve-3pool', sell: 'DAI', buy: 'USDC', amount_out: '1000', max_amount_in: '2000' }], 'exact-output'],
    [[{ type: 'swap', venue: 'cow', sell: 'ETH', buy: 'USDC', amount_in: '1000', min_amount_out: '1' }], 'wrap first'],
    [[{ type: 'swap', venue: 'univ2-usdc-weth', sell: 'USDC', buy: 'WETH', amount_in: '1000', min_amount_out: '1', recipient: '0x1111111111111111111111111111111111111111' }], 'pays another address'],
    [[{ type: 'call', to: '0x1111111111111111111111111111111111111111', value: '0' }], 'a call is not exported'],
  ];
  for (const [actions, text] of cases) {
    const r = bad(actions);
    assert.equal(r.valid, false, text);
    assert.equal(r.errors[0].code, 'export.unsupported');
    assert.equal(r.errors[0].path, '/proposal/actions/0');
    assert.ok(r.errors[0].message.includes(text), r.errors[0].message);
  }
  // A treasury on a chain whose contracts Ballast does not know, and that lists none.
  const elsewhere = { ...treasury, chain_id: 10 };
  const r = ballast.exportCalls({ treasury: elsewhere, proposal: read('proposal-compliant.json') });
  assert.equal(r.valid, false);
  assert.ok(r.errors.some((e) => /no CoW settlement is known on chain 10/.test(e.message)), JSON.stringify(r.errors));
});

test('every conformance proposal export can express: import gives back its actions, check --calls its findings', () => {
  const dir = new URL('../conformance/cases/', import.meta.url);
  let exported = 0;
  let refused = 0;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const { case: c } = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
    if (!c || typeof c !== 'object' || !c.treasury || !c.proposal || typeof c.treasury !== 'object') continue;
    if (ballast.check({ policy: c.policy, treasury: c.treasury, proposal: c.proposal }).verdict === 'error') continue;
    // Export needs the account and chain; the corpus's own treasuries mostly leave them out.
    // A file of calls carries no submission time and no allocation claims: the check of the calls
    // runs at the treasury's as_of, so the proposal's submitted_at becomes it; allocation findings
    // (claims in the proposal's text) and calls.* (about the file a proposal was once imported
    // from, which its source records) are left out of the comparison.
    const t = { ...c.treasury, account: c.treasury.account || '0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe', chain_id: c.treasury.chain_id || 1 };
    if (c.proposal.submitted_at) t.as_of = c.proposal.submitted_at;
    if (ballast.check({ policy: c.policy, treasury: t, proposal: c.proposal }).verdict === 'error') continue;
    const out = ballast.exportCalls({ treasury: t, proposal: c.proposal }, { format: 'calls' });
    if (out.valid === false) {
      assert.ok(out.errors.every((e) => e.code === 'export.unsupported'), `${f}: ${JSON.stringify(out.errors)}`);
      refused++;
      continue;
    }
    const imported = ballast.importCalls(out.document, t);
    assert.equal(imported.ballast, 'proposal/1', `${f}: ${JSON.stringify(imported.errors)}`);
    const core = (a) => {
      const { origin, deadline, spender, recipient, ...rest } = a;
      return rest;
    };
    const own = (c.proposal.actions || []).filter((a) => a.type === 'approve').map((a) => lower(a.spender));
    const actions = imported.actions.filter((a) => a.type !== 'approve' || own.includes(a.spender));
    const expectedActions = (c.proposal.actions || []).map((a) => {
      const x = { ...core(a) };
      for (const k of ['to', 'spender']) if (x[k]) x[k] = lower(x[k]);
      return x;
    });
    assert.deepEqual(actions.map(core), expectedActions, `${f}: import(export(p))`);
    const direct = ballast.check({ policy: c.policy, treasury: t, proposal: c.proposal });
    const viaCalls = ballast.check({ policy: c.policy, treasury: t, calls: out.document });
    const rules = (r) => r.findings.filter((x) => !x.rule.startsWith("allocation.") && !x.rule.startsWith("calls.")).map((x) => x.rule).sort();
    assert.ok(!viaCalls.findings.some((x) => /^calls?\./.test(x.rule)), `${f}: ${rules(viaCalls)}`);
    assert.deepEqual(rules(viaCalls), rules(direct), `${f}: findings`);
    if (!c.proposal.allocation) assert.equal(viaCalls.verdict, direct.verdict, `${f}: verdict`);
    exported++;
  }
  console.log(`# conformance: ${exported} proposals exported and round-tripped, ${refused} refused by export (unbounded swaps, calls, ...)`);
  assert.ok(exported >= 50, `only ${exported} conformance proposals exported`);
});
