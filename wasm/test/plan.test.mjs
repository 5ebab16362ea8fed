// plan() through the package's public entry: byte-identical to the native CLI built with g++ and
// clang++ on every planner case (tests/plan/cases) and every example, in each output format;
// not_loaded before loadPlanner(); misuse is a BallastError, bad documents a validation result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BallastError, loadPlanner, plan } from '@ballast/checker';
import { root } from './support.mjs';

const clis = [process.env.BALLAST_CLI, process.env.BALLAST_CLI_CLANG].filter(Boolean);

function native(binary, args) {
  try {
    return execFileSync(binary, args, { maxBuffer: 1 << 26 }).toString('utf8');
  } catch (e) {
    if (e.status === 1) return e.stdout.toString('utf8');
    if (e.status === 2) return null;  // invalid input (e.g. an export with no account): errors on stderr
    throw e;
  }
}

function inputs() {
  const out = [];
  const dir = path.join(root, 'tests/plan/cases');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const c = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    if (c.expect.exit === 2) continue;
    out.push({ name: f, policy: JSON.stringify(c.policy), treasury: JSON.stringify(c.treasury), options: c.options });
  }
  for (const ex of readdirSync(path.join(root, 'examples')).sort()) {
    const read = (f) => readFileSync(path.join(root, 'examples', ex, f), 'utf8');
    for (const goal of ['edge', 'target']) {
      out.push({ name: `${ex} (${goal})`, policy: read('policy.json'), treasury: read('treasury.json'), options: { goal } });
    }
  }
  return out;
}

test('plan() before loadPlanner() is not_loaded; loadPlanner() is memoized', async () => {
  assert.throws(() => plan({ policy: '{}', treasury: '{}' }), (e) => e instanceof BallastError && e.code === 'not_loaded');
  const a = loadPlanner();
  assert.equal(loadPlanner(), a);
  await a;
});

test('plan() gives the native CLI\'s bytes in every format (g++, clang++)', {
  skip: clis.length === 0 && 'set BALLAST_CLI (and BALLAST_CLI_CLANG) to the native binaries' }, async () => {
  await loadPlanner();
  const tmp = mkdtempSync(path.join(tmpdir(), 'ballast-plan-'));
  const pf = path.join(tmp, 'policy.json');
  const tf = path.join(tmp, 'treasury.json');
  let compared = 0;
  for (const c of inputs()) {
    writeFileSync(pf, c.policy);
    writeFileSync(tf, c.treasury);
    const opts = Object.entries(c.options).flatMap(([k, v]) => [`--${k}`, v]);
    for (const format of ['json', 'text', 'proposal', 'safe-batch']) {
      let wasm;
      let got;
      try {
        got = plan({ policy: c.policy, treasury: c.treasury }, { ...c.options, format });
        wasm = got === null ? '' : typeof got === 'string' ? (got.endsWith('\n') ? got : `${got}\n`) : `${JSON.stringify(got, null, 2)}\n`;
      } catch (e) {
        assert.fail(`${c.name} ${format}: ${e.message}`);
      }
      for (const binary of clis) {
        const out = native(binary, ['plan', '--policy', pf, '--treasury', tf, '--format', format, ...opts]);
        if (out === null) assert.equal(got && got.valid, false, `${c.name} --format ${format}: both refuse`);
        else assert.equal(wasm, out, `${c.name} --format ${format} (${binary})`);
        compared++;
      }
    }
  }
  assert.ok(compared >= clis.length * 60, `compared ${compared}`);
});

test('plan() misuse throws invalid_argument; bad documents give a validation result', async () => {
  await loadPlanner();
  const read = (f) => readFileSync(path.join(root, 'examples/endowment', f), 'utf8');
  const input = { policy: read('policy.json'), treasury: read('treasury.json') };
  const bad = (fn) => assert.throws(fn, (e) => e instanceof BallastError && e.code === 'invalid_argument');
  bad(() => plan(null));
  bad(() => plan({ policy: input.policy }));
  bad(() => plan(input, { goal: 'middle' }));
  bad(() => plan(input, { format: 'sarif' }));
  bad(() => plan(input, { at: 5 }));
  bad(() => plan(input, { deadlineHours: -1 }));
  const v = plan({ policy: '{"ballast": "policy/1", "targets": 5}', treasury: input.treasury });
  assert.equal(v.valid, false);
  assert.equal(v.kind, 'plan');
  assert.ok(v.errors.some((e) => e.document === 'policy'));
  const t = plan(input, { at: 'tomorrow' });
  assert.equal(t.valid, false);
  assert.equal(t.errors[0].code, 'type.time');
  const p = plan(input);
  assert.equal(p.ballast, 'plan/1');
  assert.equal(p.status, 'complete');
  assert.deepEqual(plan(input, { format: 'proposal' }), p.tranches[0].proposal);
});
