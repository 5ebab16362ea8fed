// @ballast/checker/chain: a treasury/1 read from an Ethereum JSON-RPC endpoint, pinned to one block.
//
// The config (snapshot-config/1) names the account, the assets with their price sources and the
// venues by address; everything the chain knows (decimals, balances, token order, fee tiers, tick
// spacing, reserves, ticks, coins, Chainlink answers) is read from the chain at that block, never
// taken from the config. Reads go through viem: Multicall3 where it has code at the block (one
// eth_call per round), else JSON-RPC batches; viem's transport retries transient failures. Any
// failed read is a BallastError naming the asset or venue and the call; no partial document is
// ever returned. The same block and config give the same object, key for key, so the same bytes.
import { createClient, custom, http, parseAbi } from 'viem';
// Actions imported one by one (not a public client's full set): a browser bundle of this module
// stays near 40 KB gzipped instead of 100 (tests/chain/bench_rpc.mjs).
import { getBalance, getBlock, getChainId, getCode, multicall, readContract } from 'viem/actions';
import { BallastError } from './errors.mjs';
import { readConfig } from './snapshot-config.mjs';

export { readConfig };

/** Multicall3's address, the same on every chain that has it (github.com/mds1/multicall). */
export const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11';

const ERC20 = parseAbi([
  'function decimals() view returns (uint8)',
  'function balanceOf(address) view returns (uint256)',
]);
const V2 = parseAbi([
  'function token0() view returns (address)',
  'function token1() view returns (address)',
  'function getReserves() view returns (uint112, uint112, uint32)',
]);
const V3 = parseAbi([
  'function token0() view returns (address)',
  'function token1() view returns (address)',
  'function fee() view returns (uint24)',
  'function tickSpacing() view returns (int24)',
  'function liquidity() view returns (uint128)',
  'function slot0() view returns (uint160, int24, uint16, uint16, uint16, uint8, bool)',
  'function tickBitmap(int16) view returns (uint256)',
  'function ticks(int24) view returns (uint128, int128, uint256, uint256, int56, uint160, uint32, bool)',
]);
// Curve pools index coins by uint256 (newer) or int128 (the oldest); both are tried.
const CURVE = parseAbi([
  'function coins(uint256) view returns (address)',
  'function balances(uint256) view returns (uint256)',
  'function A() view returns (uint256)',
  'function A_precise() view returns (uint256)',
  'function fee() view returns (uint256)',
  'function admin_fee() view returns (uint256)',
]);
const CURVE_INT128 = parseAbi([
  'function coins(int128) view returns (address)',
  'function balances(int128) view returns (uint256)',
]);
const CHAINLINK = parseAbi([
  'function decimals() view returns (uint8)',
  'function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)',
]);

const MIN_TICK = -887272;
const MAX_TICK = 887272;
/** The most ticks a treasury/1 venue may list (its schema's limit). */
export const MAX_TICKS = 20000;

function fail(code, message, details = {}) {
  return Object.assign(new BallastError(code, message), details);
}

/** `value / 10^decimals` written exactly as a Decimal ("1234.5"), for decimals up to 18. */
export function decimalOf(value, decimals) {
  const s = value.toString().padStart(decimals + 1, '0');
  const whole = s.slice(0, s.length - decimals);
  const frac = s.slice(s.length - decimals).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}

/** An ISO 8601 UTC time with seconds ("2026-11-30T12:00:00Z") from a Unix timestamp. */
function isoTime(seconds) {
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

const floorDiv = (a, b) => Math.floor(a / b);

/**
 * The bitmap words a v3 snapshot reads and the tick window they cover (SPEC 12): the word of the
 * compressed current tick and `words` on each side, limited to the words usable ticks fall in.
 */
export function tickWords(tick, spacing, words) {
  const w = floorDiv(floorDiv(tick, spacing), 256);
  const first = Math.max(w - words, floorDiv(floorDiv(MIN_TICK, spacing), 256));
  const last = Math.min(w + words, floorDiv(floorDiv(MAX_TICK, spacing), 256));
  const window = [Math.max((w - words) * 256 * spacing, MIN_TICK), Math.min(((w + words) * 256 + 255) * spacing, MAX_TICK)];
  const list = [];
  for (let k = first; k <= last; k++) list.push(k);
  return { words: list, window };
}

/** The initialized ticks of one bitmap word, lowest first. */
function ticksOfWord(word, bitmap, spacing) {
  const out = [];
  for (let bit = 0; bit < 256; bit++) if ((bitmap >> BigInt(bit)) & 1n) out.push((word * 256 + bit) * spacing);
  return out;
}

function clientOf(options) {
  if (options.client) return options.client;
  const retryCount = options.retries ?? 3;
  const timeout = options.timeoutMs ?? 20000;
  if (options.provider) return createClient({ transport: custom(options.provider, { retryCount }) });
  if (options.rpc) return createClient({ transport: http(String(options.rpc), { batch: true, retryCount, timeout }) });
  throw fail('invalid_argument', 'snapshot(): give rpc (a URL), provider (EIP-1193) or client (viem)');
}

const why = (e) => (e && (e.shortMessage || e.details || e.message)) || String(e);

// Runs one round of reads: through Multicall3 when it has code, else as single eth_calls (which
// the http transport sends as one JSON-RPC batch). `required` reads that fail are errors naming
// their subject and call; optional ones give undefined.
async function readRound(ctx, reads) {
  if (reads.length === 0) return [];
  const contracts = reads.map((r) => ({ address: r.address, abi: r.abi, functionName: r.fn, args: r.args || [] }));
  let results;
  try {
    if (ctx.multicall) {
      // Chunks of about 200 calls, sent together: one aggregate3 per chunk keeps each eth_call
      // within a node's gas cap for calls (a ticks() read costs about 17,000 gas).
      results = await multicall(ctx.client, { contracts, allowFailure: true, blockNumber: ctx.block,
        multicallAddress: ctx.multicall, batchSize: 16384 });
    } else {
      results = await Promise.all(contracts.map((c) => readContract(ctx.client, { ...c, blockNumber: ctx.block })
        .then((result) => ({ status: 'success', result }), (error) => ({ status: 'failure', error }))));
    }
  } catch (e) {
    throw fail('rpc_failed', `reading ${reads.length} calls at block ${ctx.block} failed: ${why(e)}`, { cause: e });
  }
  return results.map((res, i) => {
    const r = reads[i];
    if (res.status === 'success') return res.result;
    if (r.optional) return undefined;
    const call = `${r.fn}(${(r.args || []).join(', ')})`;
    throw fail('chain_read_failed', `${r.subject}: ${call} on ${r.address} failed at block ${ctx.block}` +
      `${r.hint ? ` (${r.hint})` : ''}: ${why(res.error)}`, { subject: r.subject, call, address: r.address });
  });
}

// Every contract the config names must have code at the block: an EOA or a wrong chain is an
// error here, not a zero later.
async function requireCode(ctx, contracts) {
  const codes = await Promise.all(contracts.map((c) => getCode(ctx.client, { address: c.address, blockNumber: ctx.block })
    .catch((e) => { throw fail('rpc_failed', `${c.subject}: eth_getCode(${c.address}) failed at block ${ctx.block}: ${why(e)}`, { cause: e, subject: c.subject }); })));
  contracts.forEach((c, i) => {
    if (!codes[i] || codes[i] === '0x') {
      throw fail('chain_no_code', `${c.subject}: ${c.what} ${c.address} has no code at block ${ctx.block}`,
        { subject: c.subject, address: c.address });
    }
  });
}

async function pinBlock(client, config, requested) {
  let chainId;
  try {
    chainId = await getChainId(client);
  } catch (e) {
    throw fail('rpc_failed', `eth_chainId failed: ${why(e)}`, { cause: e });
  }
  if (chainId !== config.chain_id) {
    throw fail('chain_mismatch', `the endpoint serves chain ${chainId}, the config says chain_id ${config.chain_id}`);
  }
  let block;
  try {
    block = requested === undefined ? await getBlock(client, { blockTag: 'latest' }) : await getBlock(client, { blockNumber: BigInt(requested) });
  } catch (e) {
    throw fail('block_not_found', `block ${requested ?? 'latest'}: eth_getBlockByNumber failed: ${why(e)}`, { cause: e });
  }
  if (!block || block.number === null) throw fail('block_not_found', `block ${requested} does not exist`);
  return block;
}

/**
 * Reads a treasury/1 from the chain at one block.
 *
 * @param {object} options
 * @param {object|string} options.config a snapshot-config/1 document (object or JSON text)
 * @param {string} [options.rpc] an HTTP JSON-RPC endpoint URL
 * @param {object} [options.provider] an EIP-1193 provider (a browser wallet's `window.ethereum`)
 * @param {object} [options.client] a viem client (tests, custom transports)
 * @param {number|bigint} [options.block] the block number (default: the latest)
 * @param {number} [options.retries] retries of a transient RPC failure (default 3)
 * @param {number} [options.timeoutMs] per-request timeout for `rpc` (default 20000)
 * @param {number} [options.maxTicks] the most initialized ticks a v3 venue may have in its window
 *   (default and ceiling: MAX_TICKS, the treasury/1 limit)
 * @returns {Promise<object>} the treasury/1, its keys in a fixed order
 * @throws {BallastError} code `invalid_config` (with `path`), `rpc_failed`, `chain_mismatch`,
 *   `block_not_found`, `chain_no_code`, `chain_read_failed`, `stale_price`, `bad_price`,
 *   `not_an_asset`, `too_many_ticks` (with `subject`, the asset or venue, and `call` where one failed)
 */
export async function snapshot(options) {
  const config = readConfig(options.config);
  const client = clientOf(options);
  const block = await pinBlock(client, config, options.block);
  const ctx = { client, block: block.number, multicall: null };
  const multicallAt = config.multicall ?? MULTICALL3;
  const code = await getCode(client, { address: multicallAt, blockNumber: block.number }).catch(() => undefined);
  if (code && code !== '0x') ctx.multicall = multicallAt;

  const needsCode = [];
  config.assets.forEach((a) => {
    if (a.address) needsCode.push({ subject: `asset ${a.id}`, what: 'token', address: a.address });
    if (a.price.chainlink) needsCode.push({ subject: `asset ${a.id}`, what: 'Chainlink aggregator', address: a.price.chainlink });
  });
  config.venues.forEach((v) => {
    if (v.address && v.kind !== 'limit_order') needsCode.push({ subject: `venue ${v.id}`, what: v.kind, address: v.address });
  });
  await requireCode(ctx, needsCode);

  const assets = await readAssets(ctx, config, block);
  const maxTicks = Math.min(options.maxTicks ?? MAX_TICKS, MAX_TICKS);
  const venues = await readVenues(ctx, config, maxTicks);
  const treasury = {
    ballast: 'treasury/1', as_of: isoTime(block.timestamp), block: Number(block.number), numeraire: config.numeraire,
    account: config.account.toLowerCase(), chain_id: config.chain_id, assets, venues,
  };
  if (config.contracts) treasury.contracts = config.contracts;
  if (config.obligations) treasury.obligations = config.obligations;
  if (config.history) treasury.history = config.history;
  return treasury;
}

async function readAssets(ctx, config, block) {
  const reads = [];
  const account = config.account;
  for (const a of config.assets) {
    const subject = `asset ${a.id}`;
    if (a.address) {
      reads.push({ subject, address: a.address, abi: ERC20, fn: 'decimals', hint: 'not an ERC-20 token?' });
      reads.push({ subject, address: a.address, abi: ERC20, fn: 'balanceOf', args: [account] });
    }
    if (a.price.chainlink) {
      reads.push({ subject, address: a.price.chainlink, abi: CHAINLINK, fn: 'decimals', hint: 'not a Chainlink aggregator?' });
      reads.push({ subject, address: a.price.chainlink, abi: CHAINLINK, fn: 'latestRoundData', hint: 'not a Chainlink aggregator?' });
    }
  }
  const results = await readRound(ctx, reads);
  let native;
  if (config.assets.some((a) => a.native)) {
    native = await getBalance(ctx.client, { address: account, blockNumber: ctx.block })
      .catch((e) => { throw fail('rpc_failed', `account ${account}: eth_getBalance failed at block ${ctx.block}: ${why(e)}`, { cause: e }); });
  }
  let k = 0;
  return config.assets.map((a) => {
    const out = { id: a.id };
    if (a.chain) out.chain = a.chain;
    let decimals = 18;
    let balance = native;
    if (a.address) {
      out.address = a.address.toLowerCase();
      decimals = Number(results[k++]);
      balance = results[k++];
    }
    out.decimals = decimals;
    out.balance = balance.toString();
    out.price = a.price.fixed ?? chainlinkPrice(a, results[k++], results[k++], block);
    if (a.tags) out.tags = a.tags;
    if (a.native) out.native = true;
    return out;
  });
}

function chainlinkPrice(asset, decimals, round, block) {
  const subject = `asset ${asset.id}`;
  const call = 'latestRoundData()';
  const [, answer, , updatedAt] = round;
  const d = Number(decimals);
  if (answer <= 0n) {
    throw fail('bad_price', `${subject}: Chainlink ${asset.price.chainlink} answers ${answer} at block ${block.number}; a price must be positive`, { subject, call });
  }
  if (d > 18) throw fail('bad_price', `${subject}: Chainlink ${asset.price.chainlink} has ${d} decimals; at most 18 are written exactly`, { subject, call: 'decimals()' });
  const age = block.timestamp - updatedAt;
  const limit = BigInt(Math.round(asset.price.max_age_hours * 3600));
  if (age > limit) {
    throw fail('stale_price', `${subject}: Chainlink ${asset.price.chainlink} was updated at ${isoTime(updatedAt)}, ` +
      `${age} s before block ${block.number} (limit ${asset.price.max_age_hours} h)`, { subject, call });
  }
  return decimalOf(answer, d);
}

// The config's asset at a token address a pool answered with `call` ("token0()", "coins(1)").
function assetOfToken(config, venue, address, call) {
  const a = config.assets.find((x) => x.address && x.address.toLowerCase() === address.toLowerCase());
  if (!a) {
    throw fail('not_an_asset', `venue ${venue.id}: ${call} is ${address}, which is not one of the config's assets (list it; the account may hold none)`,
      { subject: `venue ${venue.id}`, call });
  }
  return a.id;
}

async function readVenues(ctx, config, maxTicks) {
  // Round 1: what each pool is.
  const reads = [];
  const plan = config.venues.map((v) => {
    const subject = `venue ${v.id}`;
    const at = reads.length;
    const add = (abi, fn, args, extra = {}) => reads.push({ subject, address: v.address, abi, fn, args, hint: `not a ${v.kind} pool?`, ...extra });
    if (v.kind === 'uniswap_v2') {
      add(V2, 'token0'); add(V2, 'token1'); add(V2, 'getReserves');
    } else if (v.kind === 'uniswap_v3') {
      for (const fn of ['token0', 'token1', 'fee', 'tickSpacing', 'slot0', 'liquidity']) add(V3, fn);
    } else if (v.kind === 'curve_stableswap') {
      for (let i = 0n; i < 4n; i++) add(CURVE, 'coins', [i], { optional: true });
      for (let i = 0n; i < 4n; i++) add(CURVE_INT128, 'coins', [i], { optional: true });
      for (let i = 0n; i < 4n; i++) add(CURVE, 'balances', [i], { optional: true });
      for (let i = 0n; i < 4n; i++) add(CURVE_INT128, 'balances', [i], { optional: true });
      add(CURVE, 'A'); add(CURVE, 'A_precise', [], { optional: true }); add(CURVE, 'fee'); add(CURVE, 'admin_fee');
    }
    return { at, count: reads.length - at };
  });
  const r1 = await readRound(ctx, reads);

  // Round 2: the v3 pools' bitmap words around the price; round 3: their initialized ticks.
  const words = [];
  const v3 = new Map();
  config.venues.forEach((v, i) => {
    if (v.kind !== 'uniswap_v3') return;
    const r = r1.slice(plan[i].at, plan[i].at + plan[i].count);
    const spacing = Number(r[3]);
    const tick = Number(r[4][1]);
    const span = tickWords(tick, spacing, v.tick_words);
    v3.set(i, { r, spacing, tick, span, at: words.length });
    for (const w of span.words) {
      words.push({ subject: `venue ${v.id}`, address: v.address, abi: V3, fn: 'tickBitmap', args: [w] });
    }
  });
  const bitmaps = await readRound(ctx, words);
  const tickReads = [];
  for (const [i, p] of v3) {
    const v = config.venues[i];
    p.ticks = [];
    p.span.words.forEach((w, k) => p.ticks.push(...ticksOfWord(w, bitmaps[p.at + k], p.spacing)));
    if (p.ticks.length > maxTicks) {
      throw fail('too_many_ticks', `venue ${v.id}: ${p.ticks.length} initialized ticks in ${p.span.words.length} bitmap words, ` +
        `more than the limit (${maxTicks}); lower tick_words`, { subject: `venue ${v.id}`, call: 'tickBitmap(int16)' });
    }
    p.tickAt = tickReads.length;
    for (const t of p.ticks) tickReads.push({ subject: `venue ${v.id}`, address: v.address, abi: V3, fn: 'ticks', args: [t] });
  }
  const tickData = await readRound(ctx, tickReads);

  return config.venues.map((v, i) => {
    const r = r1.slice(plan[i].at, plan[i].at + plan[i].count);
    const out = { id: v.id, kind: v.kind };
    if (v.kind === 'uniswap_v2') {
      out.token0 = assetOfToken(config, v, r[0], 'token0()');
      out.token1 = assetOfToken(config, v, r[1], 'token1()');
      out.reserve0 = r[2][0].toString();
      out.reserve1 = r[2][1].toString();
      out.fee_bps = v.fee_bps ?? 30;
    } else if (v.kind === 'uniswap_v3') {
      const p = v3.get(i);
      out.token0 = assetOfToken(config, v, r[0], 'token0()');
      out.token1 = assetOfToken(config, v, r[1], 'token1()');
      out.fee_pips = Number(r[2]);
      out.tick_spacing = p.spacing;
      out.sqrt_price_x96 = r[4][0].toString();
      out.tick = p.tick;
      out.liquidity = r[5].toString();
      out.ticks = p.ticks.map((t, k) => ({ index: t, liquidity_net: tickData[p.tickAt + k][1].toString() }));
      out.tick_window = p.span.window;
    } else if (v.kind === 'curve_stableswap') {
      Object.assign(out, curveVenue(config, v, r));
    }
    if (v.address) out.address = v.address.toLowerCase();
    if (v.template) out.template = v.template;
    return out;
  });
}

// coins/balances by uint256, else by int128 (results 0–3, 4–7, 8–11, 12–15); then A, A_precise,
// fee, admin_fee. The pool's coins are the leading indices that answer.
function curveVenue(config, v, r) {
  const count = (from) => {
    let n = 0;
    while (n < 4 && r[from + n] !== undefined) n++;
    return n;
  };
  const byU256 = count(0) > 0;
  const n = byU256 ? count(0) : count(4);
  const coins = r.slice(byU256 ? 0 : 4, (byU256 ? 0 : 4) + n);
  const balances = r.slice(byU256 ? 8 : 12, (byU256 ? 8 : 12) + n);
  if (n < 2 || balances.some((b) => b === undefined)) {
    throw fail('chain_read_failed', `venue ${v.id}: coins(i) / balances(i) on ${v.address} answer for ${n} coins; not a Curve StableSwap pool?`,
      { subject: `venue ${v.id}`, call: 'coins(uint256)' });
  }
  const [amp, ampPrecise, fee, adminFee] = r.slice(16);
  const out = {
    coins: coins.map((c, k) => assetOfToken(config, v, c, `coins(${k})`)),
    balances: balances.map(String),
    amp: Number(amp),
  };
  if (ampPrecise !== undefined) out.amp_precise = Number(ampPrecise);
  out.fee = fee.toString();
  out.admin_fee = adminFee.toString();
  return out;
}
