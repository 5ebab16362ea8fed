// Everything a browser downloads stays within 250 KB gzipped. Sizes are deterministic for a build;
// load time is measured in the benchmark (wasm/README.md), not asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const file = (p) => readFileSync(fileURLToPath(new URL(`../${p}`, import.meta.url)));
const BUDGET = 250_000;

test('gzipped size of the browser payload is within budget', () => {
  const parts = ['dist/ballast_wasm.wasm', 'dist/ballast_wasm.mjs', 'src/index.mjs', 'src/errors.mjs'];
  let total = 0;
  for (const p of parts) {
    const raw = file(p);
    const gz = gzipSync(raw, { level: 9 }).length;
    total += gz;
    console.log(`${p}: ${raw.length} bytes, ${gz} gzipped`);
  }
  console.log(`total gzipped: ${total} bytes (budget ${BUDGET})`);
  assert.ok(total <= BUDGET, `gzipped total ${total} exceeds ${BUDGET}`);
});
