// The planner in WebAssembly, one run: plan() through the npm package's public entry on the
// 10 assets × 30 venues documents (bench/workload.h, plan_documents) and on the large case with its
// ETH-like tokens tripled (fewer runs), next to the native planner timing the same documents in the
// same run (ballast_plan_bench time): the WASM/native ratios, and loadPlanner() (import +
// instantiate of the planner's module).
// Usage: node bench/plan_node.mjs [runs=10]
// Needs: build/ballast_plan_bench (native, BALLAST_BUILD_BENCH=ON) and wasm/dist (the package).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('../', import.meta.url));
const tool = process.env.BALLAST_PLAN_BENCH || path.join(root, 'build/ballast_plan_bench');
const runs = Number(process.argv[2] || 10);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(path.join(tmpdir(), 'ballast-plan-bench-'));
execFileSync(tool, ['write', dir]);
const read = (name) => ({
  policy: readFileSync(path.join(dir, `${name}-policy.json`), 'utf8'),
  treasury: readFileSync(path.join(dir, `${name}-treasury.json`), 'utf8'),
});

const t0 = performance.now();
const { loadPlanner, plan } = await import(path.join(root, 'wasm/src/index.mjs'));
await loadPlanner();
const loadMs = performance.now() - t0;

console.log(`loadPlanner() (import + instantiate): ${loadMs.toFixed(1)} ms`);
for (const [name, label, n] of [['plan', '10 assets x 30 venues', runs], ['large', 'the large case, ETH tripled', Math.max(1, Math.ceil(runs / 3))]]) {
  const docs = read(name);
  const first = plan(docs);
  const times = [];
  for (let i = 0; i < n; i++) {
    const a = performance.now();
    plan(docs);
    times.push(performance.now() - a);
  }
  const wasm = median(times);
  const native = Number(execFileSync(tool, ['time', dir, String(n), name]).toString()) / 1e6;
  console.log(`plan, ${label} (${first.status}, ${first.tranches.length} tranches), median of ${n}:`);
  console.log(`  WebAssembly in Node ${wasm.toFixed(1)} ms, native ${native.toFixed(1)} ms: ${(wasm / native).toFixed(2)}x`);
}
