// snapshot-config/1: what ballast-snapshot reads from the chain. Read strictly: an unknown field,
// a missing one or a malformed value is a BallastError `invalid_config` with the JSON pointer of
// the offending value in `path`, before any RPC call is made.
import { isAddress } from 'viem';
import { BallastError } from './errors.mjs';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const TAG = /^(?!asset:|chain:)[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const ADDRESS = /^0[xX][0-9a-fA-F]{40}$/;
const DECIMAL = /^(0|[1-9][0-9]{0,59})(\.[0-9]{1,18})?$/;
const KINDS = ['uniswap_v2', 'uniswap_v3', 'curve_stableswap', 'limit_order'];

/** The most bitmap words a v3 venue may read on each side of the price. */
export const MAX_TICK_WORDS = 64;

function bad(path, message) {
  return Object.assign(new BallastError('invalid_config', `snapshot-config ${path || '/'}: ${message}`), { path });
}

const show = (v) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

function object(v, path, allowed, required) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw bad(path, `expected an object, got ${show(v)}`);
  for (const k of Object.keys(v)) if (!allowed.includes(k)) throw bad(`${path}/${k}`, `unknown field ${show(k)}`);
  for (const k of required) if (!(k in v)) throw bad(`${path}/${k}`, `missing field ${show(k)}`);
  return v;
}

function string(v, path, pattern, what) {
  if (typeof v !== 'string' || !pattern.test(v)) throw bad(path, `expected ${what}, got ${show(v)}`);
  return v;
}

// An address: 40 hex digits; written in mixed case, its EIP-55 checksum must hold (a typo in a
// checksummed address is caught here, not read from the chain as another contract).
function address(v, path) {
  string(v, path, ADDRESS, 'an address');
  if (v !== v.toLowerCase() && v.slice(2) !== v.slice(2).toUpperCase() && !isAddress(v, { strict: true })) {
    throw bad(path, `${show(v)} fails its EIP-55 checksum (mixed case); check the address or write it in lower case`);
  }
  return v.toLowerCase();
}

function integer(v, path, min, max) {
  if (!Number.isSafeInteger(v) || v < min || v > max) throw bad(path, `expected an integer in ${min}..${max}, got ${show(v)}`);
  return v;
}

function array(v, path, max) {
  if (!Array.isArray(v)) throw bad(path, `expected an array, got ${show(v)}`);
  if (v.length > max) throw bad(path, `at most ${max} entries, got ${v.length}`);
  return v;
}

function unique(list, key, path, what) {
  const seen = new Map();
  list.forEach((x, i) => {
    const k = key(x);
    if (k === undefined) return;
    if (seen.has(k)) throw bad(`${path}/${i}`, `duplicate ${what} ${show(k)} (also at ${path}/${seen.get(k)})`);
    seen.set(k, i);
  });
}

function readPrice(p, path) {
  object(p, path, ['fixed', 'chainlink', 'max_age_hours'], []);
  if ('fixed' in p) {
    if ('chainlink' in p || 'max_age_hours' in p) throw bad(path, 'a price is "fixed" or "chainlink", not both');
    return { fixed: string(p.fixed, `${path}/fixed`, DECIMAL, 'a decimal ("3120.55")') };
  }
  if (!('chainlink' in p)) throw bad(path, 'a price needs "fixed" (a decimal) or "chainlink" (an aggregator address)');
  const hours = p.max_age_hours ?? 25;
  if (typeof hours !== 'number' || !(hours > 0) || hours > 8760) throw bad(`${path}/max_age_hours`, `expected hours in (0, 8760], got ${show(hours)}`);
  return { chainlink: address(p.chainlink, `${path}/chainlink`), max_age_hours: hours };
}

function readAsset(a, path) {
  object(a, path, ['id', 'address', 'native', 'chain', 'tags', 'price'], ['id', 'price']);
  const out = { id: string(a.id, `${path}/id`, ID, 'an id') };
  if ('native' in a && a.native !== true && a.native !== false) throw bad(`${path}/native`, `expected a boolean, got ${show(a.native)}`);
  if (a.native === true) {
    if ('address' in a) throw bad(`${path}/address`, 'the native asset has no token address');
    out.native = true;
  } else {
    if (!('address' in a)) throw bad(`${path}/address`, 'missing field "address" (or "native": true for the chain\'s coin)');
    out.address = address(a.address, `${path}/address`);
  }
  if ('chain' in a) out.chain = string(a.chain, `${path}/chain`, ID, 'an id');
  if ('tags' in a) out.tags = array(a.tags, `${path}/tags`, 64).map((t, i) => string(t, `${path}/tags/${i}`, TAG, 'a tag'));
  out.price = readPrice(a.price, `${path}/price`);
  return out;
}

function readVenue(v, path) {
  object(v, path, ['id', 'kind', 'address', 'tick_words', 'fee_bps', 'template'], ['id', 'kind']);
  const out = { id: string(v.id, `${path}/id`, ID, 'an id') };
  if (!KINDS.includes(v.kind)) throw bad(`${path}/kind`, `expected one of ${KINDS.join(', ')}, got ${show(v.kind)}`);
  out.kind = v.kind;
  if ('address' in v) out.address = address(v.address, `${path}/address`);
  else if (v.kind !== 'limit_order') throw bad(`${path}/address`, `missing field "address" (the ${v.kind} pool)`);
  const only = (field, kind) => {
    if (field in v && v.kind !== kind) throw bad(`${path}/${field}`, `"${field}" belongs to ${kind} venues, not ${v.kind}`);
  };
  only('tick_words', 'uniswap_v3');
  only('fee_bps', 'uniswap_v2');
  only('template', 'curve_stableswap');
  if (v.kind === 'uniswap_v3') out.tick_words = integer(v.tick_words ?? 2, `${path}/tick_words`, 0, MAX_TICK_WORDS);
  if ('fee_bps' in v) out.fee_bps = integer(v.fee_bps, `${path}/fee_bps`, 0, 9999);
  if ('template' in v) {
    if (!['plain', 'ng', 'crypto'].includes(v.template)) throw bad(`${path}/template`, `expected plain, ng or crypto, got ${show(v.template)}`);
    out.template = v.template;
  }
  return out;
}

/**
 * Reads a snapshot-config/1 (an object or JSON text) strictly; returns it normalised (addresses in
 * lower case, defaults filled in: `tick_words` 2, `max_age_hours` 25).
 * @throws {BallastError} code `invalid_config`, with `path` the JSON pointer of the bad value
 */
export function readConfig(config) {
  let c = config;
  if (typeof c === 'string') {
    try {
      c = JSON.parse(c);
    } catch (e) {
      throw bad('', `not JSON: ${e.message}`);
    }
  }
  object(c, '', ['ballast', 'chain_id', 'account', 'numeraire', 'assets', 'venues', 'contracts', 'obligations', 'history', 'multicall'],
    ['ballast', 'chain_id', 'account', 'numeraire', 'assets']);
  if (c.ballast !== 'snapshot-config/1') throw bad('/ballast', `expected "snapshot-config/1", got ${show(c.ballast)}`);
  const out = {
    ballast: c.ballast,
    chain_id: integer(c.chain_id, '/chain_id', 1, Number.MAX_SAFE_INTEGER),
    account: address(c.account, '/account'),
    numeraire: string(c.numeraire, '/numeraire', ID, 'an id'),
    assets: array(c.assets, '/assets', 10000).map((a, i) => readAsset(a, `/assets/${i}`)),
    venues: array(c.venues ?? [], '/venues', 1000).map((v, i) => readVenue(v, `/venues/${i}`)),
  };
  if (out.assets.length === 0) throw bad('/assets', 'at least one asset');
  unique(out.assets, (a) => a.id, '/assets', 'asset id');
  unique(out.assets, (a) => a.address?.toLowerCase(), '/assets', 'token address');
  if (out.assets.filter((a) => a.native).length > 1) throw bad('/assets', 'at most one asset is native');
  unique(out.venues, (v) => v.id, '/venues', 'venue id');
  if ('multicall' in c) out.multicall = address(c.multicall, '/multicall');
  // Passed through into the treasury as they are; the core reads them when the treasury is used.
  if ('contracts' in c) out.contracts = array(c.contracts, '/contracts', 10000);
  if ('obligations' in c) out.obligations = object(c.obligations, '/obligations', ['monthly_opex', 'liabilities'], []);
  if ('history' in c) out.history = array(c.history, '/history', 100000);
  return out;
}
