// The generated TypeScript types accept what Ballast really reads and writes: every example's
// documents as Policy, Treasury and Proposal, and the report of every conformance case and example
// (and the diff of the example amendment) as Report and PolicyDiff, written out as typed literals
// and compiled with tsc. types-check.mts holds the mistakes they must reject.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from '@ballast/checker';
import { corpus, examples, root } from './support.mjs';

const pkgDir = fileURLToPath(new URL('../', import.meta.url));
const tsc = path.join(pkgDir, 'node_modules/typescript/bin/tsc');

test('examples and real reports type-check against the generated types', async () => {
  const ballast = await load();
  const lines = ["import type { Policy, Treasury, Proposal, Report, PolicyDiff } from '@ballast/checker';"];
  let n = 0;
  const typed = (type, value) => lines.push(`export const v${n++}: ${type} = ${JSON.stringify(value)};`);
  for (const ex of examples()) {
    typed('Policy', JSON.parse(ex.policy));
    typed('Treasury', JSON.parse(ex.treasury));
    typed('Proposal', JSON.parse(ex.proposal));
    typed('Report', ballast.check(ex));
    typed('Report', ballast.status(ex));
  }
  for (const c of corpus().filter((c) => c.utf8)) typed('Report', JSON.parse(ballast.checkJson(c.input.toString('utf8'))));
  const en = (f) => readFileSync(path.join(root, 'examples/endowment', f), 'utf8');
  typed('PolicyDiff', ballast.diff(en('policy.json'), en('policy-amendment.json'), en('treasury.json')));
  typed('PolicyDiff', ballast.diff('{', en('policy.json')));

  // Inside the package folder, so that '@ballast/checker' resolves to this package's declarations.
  const dir = mkdtempSync(path.join(pkgDir, '.types-'));
  try {
    writeFileSync(path.join(dir, 'values.mts'), `${lines.join('\n')}\n`);
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [] },
      files: ['values.mts'],
    }));
    const r = spawnSync('node', [tsc, '-p', dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, `tsc: ${r.stdout.slice(0, 4000)}`);
    assert.ok(n > 150, `only ${n} values checked`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
