// plan() over the planner's module (plan_bindings.cpp); loaded with it by loadPlanner(), so a
// page that only checks downloads neither.
import { BallastError } from './errors.mjs';

function makePlan(m, documentText, describe) {
  return function plan(input, options = {}) {
    if (input === null || typeof input !== 'object' || !('policy' in input) || !('treasury' in input)) {
      throw new BallastError('invalid_argument', 'plan() takes {policy, treasury}');
    }
    const o = options === null || typeof options !== 'object' ? {} : options;
    const goal = o.goal === undefined ? 'edge' : o.goal;
    if (goal !== 'edge' && goal !== 'target') {
      throw new BallastError('invalid_argument', `plan() goal is "edge" or "target", got ${describe(goal)}`);
    }
    const format = o.format === undefined ? 'json' : o.format;
    if (!['json', 'text', 'proposal', 'safe-batch'].includes(format)) {
      throw new BallastError('invalid_argument', `plan() formats are "json", "text", "proposal" and "safe-batch", got ${describe(format)}`);
    }
    const at = o.at === undefined ? '' : o.at;
    if (typeof at !== 'string') throw new BallastError('invalid_argument', `plan() at is an RFC 3339 time string, got ${describe(at)}`);
    const hours = o.deadlineHours === undefined ? 72 : o.deadlineHours;
    if (!Number.isInteger(hours) || hours < 0 || hours > 999999) {
      throw new BallastError('invalid_argument', `plan() deadlineHours is whole hours (0 to 999999), got ${describe(hours)}`);
    }
    const out = m.text('plan', documentText(input.policy, 'policy'), documentText(input.treasury, 'treasury'), goal, at, format, hours);
    const cut = out.indexOf('\n');
    const status = out.slice(0, cut);
    const body = out.slice(cut + 1);
    if (status === 'error') return JSON.parse(body);
    if (format === 'text') return body;
    return body === '' ? null : JSON.parse(body);
  };
}

let planner = null;
let loading = null;

/** Loads the planner's module once (memoized); `h` holds the loader's helpers of index.mjs. */
export function loadPlanner(options, h) {
  if (options === null || typeof options !== 'object') {
    return Promise.reject(new BallastError('invalid_argument', 'loadPlanner(options): options must be an object'));
  }
  if (!loading) {
    loading = (async () => {
      const { default: create } = await import('../dist/ballast_plan_wasm.mjs');
      const args = {};
      if (options.wasmBinary !== undefined) args.wasmBinary = h.toBytes(options.wasmBinary);
      else if (options.wasmUrl !== undefined) args.locateFile = () => String(options.wasmUrl);
      else if (h.isNode) args.wasmBinary = await h.nodeWasmBytes('ballast_plan_wasm.wasm');
      return makePlan(h.entryPoints(await create(args)), h.documentText, h.describe);
    })().then(
      (p) => {
        planner = p;
      },
      (cause) => {
        loading = null;
        if (cause instanceof BallastError) throw cause;
        throw new BallastError('load_failed', `the planner's WebAssembly module could not be loaded: ${cause && cause.message}`, { cause });
      });
  }
  return loading;
}

/** Plans a rebalance (SPEC 13); throws `not_loaded` before loadPlanner(). */
export function plan(input, options) {
  if (!planner) throw new BallastError('not_loaded', 'call and await loadPlanner() first');
  return planner(input, options);
}
