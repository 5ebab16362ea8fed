// The public JavaScript API of the Ballast WebAssembly module. The module's entry points take and
// give strings only (../abi.h); JSON is parsed and serialised here, at the boundary.
import createBallastModule from '../dist/ballast_wasm.mjs';
import { BallastError } from './errors.mjs';

export { BallastError };

const isNode =
  typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  process.versions !== null && typeof process.versions.node === 'string';

let api = null;
let loading = null;

async function nodeWasmBytes(file) {
  const { readFile } = await import('node:fs/promises');
  return readFile(new URL(`../dist/${file}`, import.meta.url));
}

function toBytes(binary) {
  if (binary instanceof Uint8Array) return binary;
  if (binary instanceof ArrayBuffer) return new Uint8Array(binary);
  throw new BallastError('invalid_argument', 'load(): wasmBinary must be an ArrayBuffer or a Uint8Array');
}

// The module: in Node, unless given bytes or a URL (which are the browser module's), the Node
// module, built for speed where nothing is downloaded (../CMakeLists.txt); elsewhere the browser
// module, built within the download's budget. Both give the same outputs, byte for byte.
async function instantiate(options) {
  const args = {};
  let create = createBallastModule;
  if (options.wasmBinary !== undefined) {
    args.wasmBinary = toBytes(options.wasmBinary);
  } else if (options.wasmUrl !== undefined) {
    const url = String(options.wasmUrl);
    args.locateFile = () => url;
  } else if (isNode) {
    create = (await import('../dist/ballast_node_wasm.mjs')).default;
    args.wasmBinary = await nodeWasmBytes('ballast_node_wasm.wasm');
  }
  return makeApi(entryPoints(await create(args)));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const wellFormed =
  typeof String.prototype.isWellFormed === 'function' ? (s) => s.isWellFormed() : (s) => !/\p{Cs}/u.test(s);

// A text with a lone surrogate as UTF-8 with that surrogate as its three WTF-8 bytes: ill-formed
// UTF-8, which the core rejects as it rejects such bytes read from a file (TextEncoder would write
// U+FFFD and make an ill-formed document well-formed).
function wtf8(s) {
  const parts = s.split(/(\p{Cs})/u).map((p, i) => {
    const c = p.charCodeAt(0);
    return i % 2 ? Uint8Array.of(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)) : encoder.encode(p);
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

// The calling convention of a module's entry points (../abi.h): each string argument is written as
// UTF-8 into a buffer of the module and passed as its address and byte length, each number as
// itself. call(name, ...args) returns the C function `ballast_<name>`'s value; text(name, ...args)
// the string it left in the module, which is then released. Out of memory is a BallastError.
function entryPoints(m) {
  const alloc = (size) => {
    const at = m._ballast_alloc(size) >>> 0;
    if (!at) throw new BallastError('internal', `out of memory for a text of ${size} bytes`);
    return at;
  };
  const put = (s) => {
    let bytes = wellFormed(s) ? null : wtf8(s);
    let at = alloc(bytes ? bytes.length : s.length);
    if (!bytes) {
      // One byte per character first (JSON is mostly ASCII); the exact encoding when that is short.
      const { read, written } = encoder.encodeInto(s, m.HEAPU8.subarray(at, at + s.length));
      if (read === s.length) return [at, written];
      m._ballast_free(at);
      bytes = encoder.encode(s);
      at = alloc(bytes.length);
    }
    m.HEAPU8.set(bytes, at);
    return [at, bytes.length];
  };
  const call = (name, args) => {
    const buffers = [];
    try {
      const flat = [];
      for (const a of args) {
        if (typeof a !== 'string') flat.push(a);
        else {
          const [at, size] = put(a);
          buffers.push(at);
          flat.push(at, size);
        }
      }
      return m[`_ballast_${name}`](...flat);
    } finally {
      for (const at of buffers) m._ballast_free(at);
    }
  };
  return {
    call: (name, ...args) => call(name, args),
    text(name, ...args) {
      const at = call(name, args) >>> 0;
      const out = decoder.decode(m.HEAPU8.subarray(at, at + (m._ballast_result_size() >>> 0)));
      m._ballast_release();
      return out;
    },
  };
}

// A document given as an object or as JSON text, as the text the core reads.
function documentText(value, what) {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    try {
      // Amounts as bigint (what viem and ethers return) are written as the decimal strings the
      // documents use.
      return JSON.stringify(value, (key, v) => (typeof v === 'bigint' ? v.toString() : v));
    } catch (cause) {
      throw new BallastError('invalid_argument', `${what} cannot be serialised as JSON: ${cause.message}`, { cause });
    }
  }
  throw new BallastError('invalid_argument', `${what} must be an object or a JSON string, got ${describe(value)}`);
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function isSeparateDocuments(input) {
  return input.ballast === undefined && 'policy' in input && 'treasury' in input && 'proposal' in input;
}

// Releases the prepared documents of objects that were garbage-collected without dispose().
function preparedRegistry(m) {
  return typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((handle) => m.call('release_prepared', handle)) : null;
}

function makePrepared(m, registry, input) {
  if (input === null || typeof input !== 'object' || !('policy' in input) || !('treasury' in input)) {
    throw new BallastError('invalid_argument', `prepare() takes {policy, treasury}, got ${describe(input)}`);
  }
  const handle = m.call('prepare', documentText(input.policy, 'policy'), documentText(input.treasury, 'treasury'));
  if (!handle) throw new BallastError('internal', 'prepare(): out of memory');
  let disposed = false;
  const open = () => {
    if (disposed) throw new BallastError('disposed', 'these prepared documents were disposed');
  };
  const prepared = {
    get disposed() {
      return disposed;
    },
    check(proposal) {
      open();
      return JSON.parse(m.text('check_prepared', handle, documentText(proposal, 'proposal')));
    },
    status() {
      open();
      return JSON.parse(m.text('status_prepared', handle));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      m.call('release_prepared', handle);
      if (registry) registry.unregister(prepared);
    },
  };
  if (typeof Symbol.dispose === 'symbol') prepared[Symbol.dispose] = prepared.dispose;
  if (registry) registry.register(prepared, handle, prepared);
  return prepared;
}

function makeApi(m) {
  const registry = preparedRegistry(m);
  const ballast = {
    prepare(input) {
      return makePrepared(m, registry, input);
    },
    check(input) {
      if (typeof input === 'string') return JSON.parse(m.text('check', input));
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new BallastError('invalid_argument',
          `check() takes {policy, treasury, proposal}, a case object or JSON text, got ${describe(input)}`);
      }
      if (input.ballast === undefined && 'calls' in input && !('proposal' in input)) {
        if (!('policy' in input) || !('treasury' in input)) {
          throw new BallastError('invalid_argument', 'check() with calls needs {policy, treasury, calls}');
        }
        return JSON.parse(m.text('check_calls', documentText(input.policy, 'policy'),
          documentText(input.treasury, 'treasury'), documentText(input.calls, 'calls')));
      }
      const given = ['policy', 'treasury', 'proposal'].filter((k) => k in input);
      if (input.ballast === undefined && given.length > 0 && given.length < 3) {
        const missing = ['policy', 'treasury', 'proposal'].filter((k) => !(k in input));
        throw new BallastError('invalid_argument', `check() needs {policy, treasury, proposal}: ${missing.join(' and ')} missing`);
      }
      if (isSeparateDocuments(input)) {
        return JSON.parse(m.text('check_documents', documentText(input.policy, 'policy'),
          documentText(input.treasury, 'treasury'), documentText(input.proposal, 'proposal')));
      }
      return JSON.parse(m.text('check', documentText(input, 'case')));
    },
    checkJson(text) {
      if (typeof text !== 'string') {
        throw new BallastError('invalid_argument', `checkJson() takes the JSON text of a case, got ${describe(text)}`);
      }
      return m.text('check', text);
    },
    importCalls(calls, treasury, options = {}) {
      const format = options && options.format !== undefined ? options.format : 'json';
      if (format !== 'json' && format !== 'text') {
        throw new BallastError('invalid_argument', `importCalls() formats are "json" and "text", got ${describe(format)}`);
      }
      const out = m.text('import_calls', documentText(calls, 'calls'), documentText(treasury, 'treasury'), format);
      return format === 'json' || out.startsWith('{') ? JSON.parse(out) : out;
    },
    exportCalls(input, options = {}) {
      if (input === null || typeof input !== 'object' || !('treasury' in input) || !('proposal' in input)) {
        throw new BallastError('invalid_argument', 'exportCalls() takes {treasury, proposal}');
      }
      const format = options && options.format !== undefined ? options.format : 'safe-batch';
      if (format !== 'safe-batch' && format !== 'calls') {
        throw new BallastError('invalid_argument', `exportCalls() formats are "safe-batch" and "calls", got ${describe(format)}`);
      }
      const hours = options && options.deadlineHours !== undefined ? options.deadlineHours : 72;
      if (!Number.isInteger(hours) || hours < 0 || hours > 999999) {
        throw new BallastError('invalid_argument', `exportCalls() deadlineHours is whole hours (0 to 999999), got ${describe(hours)}`);
      }
      return JSON.parse(m.text('export_calls', documentText(input.treasury, 'treasury'), documentText(input.proposal, 'proposal'), format, hours));
    },
    validate(document) {
      return JSON.parse(m.text('validate', documentText(document, 'document')));
    },
    status(input) {
      if (input === null || typeof input !== 'object' || !('policy' in input) || !('treasury' in input)) {
        throw new BallastError('invalid_argument', 'status() takes {policy, treasury}');
      }
      return JSON.parse(m.text('status', documentText(input.policy, 'policy'), documentText(input.treasury, 'treasury')));
    },
    diff(oldPolicy, newPolicy, treasury) {
      const a = documentText(oldPolicy, 'the old policy');
      const b = documentText(newPolicy, 'the new policy');
      const t = treasury === undefined ? '' : documentText(treasury, 'the treasury');
      return JSON.parse(m.text('diff', a, b, treasury === undefined ? 0 : 1, t));
    },
    schema(kind) {
      if (typeof kind !== 'string') throw new BallastError('invalid_argument', `schema() takes a kind, got ${describe(kind)}`);
      const text = m.text('schema', kind);
      if (!text) {
        const names = ballast.documentKinds().map((k) => k.name).join(', ');
        throw new BallastError('unknown_kind', `unknown document kind "${kind}" (${names})`);
      }
      return JSON.parse(text);
    },
    version() {
      return m.text('version');
    },
    documentKinds() {
      return JSON.parse(m.text('document_kinds'));
    },
    stats() {
      return { memoryBytes: m.call('memory_bytes'), heapInUse: m.call('heap_in_use') };
    },
  };
  return Object.freeze(ballast);
}

let plannerLoad = null;

/** Loads the planner's module once (a second module: only pages that plan fetch it). */
export function loadPlanner(options = {}) {
  if (!plannerLoad) {
    plannerLoad = import('./planner.mjs')
      .then((p) => p.loadPlanner(options, { isNode, toBytes, nodeWasmBytes, entryPoints, documentText, describe }))
      .catch((e) => {
        plannerLoad = null;
        throw e;
      });
  }
  return plannerLoad;
}

/**
 * Loads and instantiates the WebAssembly module once; later calls return the same promise.
 * options.wasmBinary (bytes) or options.wasmUrl (where to fetch the .wasm) of the browser module
 * (dist/ballast_wasm.wasm) serve bundlers and CDNs; without them Node loads the Node module
 * (dist/ballast_node_wasm.wasm), built for speed, and a browser fetches the browser module.
 */
export function load(options = {}) {
  if (options === null || typeof options !== 'object') {
    return Promise.reject(new BallastError('invalid_argument', 'load(options): options must be an object'));
  }
  if (!loading) {
    loading = instantiate(options).then(
      (loaded) => (api = loaded),
      (cause) => {
        loading = null;
        if (cause instanceof BallastError) throw cause;
        throw new BallastError('load_failed', `the WebAssembly module could not be loaded: ${cause && cause.message}`, { cause });
      });
  }
  return loading;
}

function loaded() {
  if (!api) throw new BallastError('not_loaded', 'call and await load() first');
  return api;
}

/** Module-level forms of the loaded API's functions; they throw `not_loaded` before load(). */
export const check = (input) => loaded().check(input);
export const checkJson = (text) => loaded().checkJson(text);
export const importCalls = (calls, treasury, options) => loaded().importCalls(calls, treasury, options);
export const exportCalls = (input, options) => loaded().exportCalls(input, options);
/** Plans a rebalance (SPEC 13); throws `not_loaded` before loadPlanner(). */
export { plan } from './planner.mjs';
export const validate = (document) => loaded().validate(document);
export const status = (input) => loaded().status(input);
export const prepare = (input) => loaded().prepare(input);
export const diff = (oldPolicy, newPolicy, treasury) => loaded().diff(oldPolicy, newPolicy, treasury);
export const schema = (kind) => loaded().schema(kind);
export const version = () => loaded().version();
export const documentKinds = () => loaded().documentKinds();
