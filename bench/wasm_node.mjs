// Measures the npm package in Node: time to import + load() in a fresh process (median of N
// processes), and the time of one check of each example after load (median of many runs).
// Usage: node bench/wasm_node.mjs [processes=15]
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('../', import.meta.url));
const entry = path.join(root, 'wasm/src/index.mjs');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const n = Number(process.argv[2] || 15);
const loads = [];
for (let i = 0; i < n; i++) {
  const script = `const t0 = performance.now(); const { load } = await import(${JSON.stringify(entry)});
    await load(); console.log(performance.now() - t0);`;
  loads.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script]).toString()));
}
console.log(`load() in a fresh Node process (import + instantiate), median of ${n}: ${median(loads).toFixed(1)} ms`);

const { load } = await import(entry);
const ballast = await load();
for (const ex of readdirSync(path.join(root, 'examples')).sort()) {
  const dir = path.join(root, 'examples', ex);
  const read = (f) => readFileSync(path.join(dir, f), 'utf8');
  const caseText = JSON.stringify({ ballast: 'case/1', policy: JSON.parse(read('policy.json')),
    treasury: JSON.parse(read('treasury.json')), proposal: JSON.parse(read('proposal-violating.json')) });
  const times = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    ballast.checkJson(caseText);
    times.push(performance.now() - t0);
  }
  console.log(`checkJson ${ex}/proposal-violating.json: median ${(median(times) * 1000).toFixed(0)} us`);
}
