// The public JavaScript API of the Ballast WebAssembly module. The binding passes strings only;
// JSON is parsed and serialised here, at the boundary.
import createBallastModule from '../dist/ballast_wasm.mjs';
import { BallastError } from './errors.mjs';

export { BallastError };

const isNode =
  typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  process.versions !== null && typeof process.versions.node === 'string';

let api = null;
let loading = null;

async function nodeWasmBytes(file = 'ballast_wasm.wasm') {
  const { readFile } = await import('node:fs/promises');
  return readFile(new URL(`../dist/${file}`, import.meta.url));
}

function toBytes(binary) {
  if (binary instanceof Uint8Array) return binary;
  if (binary instanceof ArrayBuffer) return new Uint8Array(binary);
  throw new BallastError('invalid_argument', 'load(): wasmBinary must be an ArrayBuffer or a Uint8Array');
}

async function instantiate(options) {
  const args = {};
  if (options.wasmBinary !== undefined) {
    args.wasmBinary = toBytes(options.wasmBinary);
  } else if (options.wasmUrl !== undefined) {
    const url = String(options.wasmUrl);
    args.locateFile = () => url;
  } else if (isNode) {
    args.wasmBinary = await nodeWasmBytes();
  }
  const module = await createBallastModule(args);
  return makeApi(module);
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
  return typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((handle) => m.releasePrepared(handle)) : null;
}

function makePrepared(m, registry, input) {
  if (input === null || typeof input !== 'object' || !('policy' in input) || !('treasury' in input)) {
    throw new BallastError('invalid_argument', `prepare() takes {policy, treasury}, got ${describe(input)}`);
  }
  const handle = m.prepare(documentText(input.policy, 'policy'), documentText(input.treasury, 'treasury'));
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
      return JSON.parse(m.checkPreparedJson(handle, documentText(proposal, 'proposal')));
    },
    status() {
      open();
      return JSON.parse(m.statusPreparedJson(handle));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      m.releasePrepared(handle);
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
      if (typeof input === 'string') return JSON.parse(m.checkJson(input));
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new BallastError('invalid_argument',
          `check() takes {policy, treasury, proposal}, a case object or JSON text, got ${describe(input)}`);
      }
      if (input.ballast === undefined && 'calls' in input && !('proposal' in input)) {
        if (!('policy' in input) || !('treasury' in input)) {
          throw new BallastError('invalid_argument', 'check() with calls needs {policy, treasury, calls}');
        }
        return JSON.parse(m.checkCallsJson(documentText(input.policy, 'policy'),
          documentText(input.treasury, 'treasury'), documentText(input.calls, 'calls')));
      }
      const given = ['policy', 'treasury', 'proposal'].filter((k) => k in input);
      if (input.ballast === undefined && given.length > 0 && given.length < 3) {
        const missing = ['policy', 'treasury', 'proposal'].filter((k) => !(k in input));
        throw new BallastError('invalid_argument', `check() needs {policy, treasury, proposal}: ${missing.join(' and ')} missing`);
      }
      if (isSeparateDocuments(input)) {
        return JSON.parse(m.checkDocumentsJson(documentText(input.policy, 'policy'),
          documentText(input.treasury, 'treasury'), documentText(input.proposal, 'proposal')));
      }
      return JSON.parse(m.checkJson(documentText(input, 'case')));
    },
    checkJson(text) {
      if (typeof text !== 'string') {
        throw new BallastError('invalid_argument', `checkJson() takes the JSON text of a case, got ${describe(text)}`);
      }
      return m.checkJson(text);
    },
    importCalls(calls, treasury, options = {}) {
      const format = options && options.format !== undefined ? options.format : 'json';
      if (format !== 'json' && format !== 'text') {
        throw new BallastError('invalid_argument', `importCalls() formats are "json" and "text", got ${describe(format)}`);
      }
      const out = m.importCallsJson(documentText(calls, 'calls'), documentText(treasury, 'treasury'), format);
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
      return JSON.parse(m.exportCallsJson(documentText(input.treasury, 'treasury'), documentText(input.proposal, 'proposal'), format, hours));
    },
    validate(document) {
      return JSON.parse(m.validateJson(documentText(document, 'document')));
    },
    status(input) {
      if (input === null || typeof input !== 'object' || !('policy' in input) || !('treasury' in input)) {
        throw new BallastError('invalid_argument', 'status() takes {policy, treasury}');
      }
      return JSON.parse(m.statusJson(documentText(input.policy, 'policy'), documentText(input.treasury, 'treasury')));
    },
    diff(oldPolicy, newPolicy, treasury) {
      const a = documentText(oldPolicy, 'the old policy');
      const b = documentText(newPolicy, 'the new policy');
      const t = treasury === undefined ? '' : documentText(treasury, 'the treasury');
      return JSON.parse(m.diffJson(a, b, treasury !== undefined, t));
    },
    schema(kind) {
      if (typeof kind !== 'string') throw new BallastError('invalid_argument', `schema() takes a kind, got ${describe(kind)}`);
      const text = m.schemaJson(kind);
      if (!text) {
        const names = ballast.documentKinds().map((k) => k.name).join(', ');
        throw new BallastError('unknown_kind', `unknown document kind "${kind}" (${names})`);
      }
      return JSON.parse(text);
    },
    version() {
      return m.version();
    },
    documentKinds() {
      return JSON.parse(m.documentKinds());
    },
    stats() {
      return { memoryBytes: m.memoryBytes(), heapInUse: m.heapInUse() };
    },
  };
  return Object.freeze(ballast);
}

let plannerLoad = null;

/** Loads the planner's module once (a second module: only pages that plan fetch it). */
export function loadPlanner(options = {}) {
  if (!plannerLoad) {
    plannerLoad = import('./planner.mjs')
      .then((p) => p.loadPlanner(options, { isNode, toBytes, nodeWasmBytes, documentText, describe }))
      .catch((e) => {
        plannerLoad = null;
        throw e;
      });
  }
  return plannerLoad;
}

/**
 * Loads and instantiates the WebAssembly module once; later calls return the same promise.
 * options.wasmBinary (bytes) or options.wasmUrl (where to fetch the .wasm) serve bundlers and CDNs.
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
