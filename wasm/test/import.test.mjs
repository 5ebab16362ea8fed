// importCalls() and check({policy, treasury, calls}) through the package's public entry: the same
// bytes as the native CLI's `ballast import` and `ballast check --calls` (BALLAST_CLI).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { importCalls, exportCalls, check, load } from '@ballast/checker';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const native = process.env.BALLAST_CLI;
const en = (f) => path.join(root, 'examples/endowment', f);
const text = (f) => readFileSync(en(f), 'utf8');
const cli = (args) => spawnSync(native, args, { env: { ...process.env, NO_COLOR: '1' } }).stdout.toString('utf8');

test('importCalls and check with calls equal the native CLI byte for byte', { skip: !native && 'set BALLAST_CLI' }, async () => {
  await load();
  for (const b of ['batch-compliant.json', 'batch-violating.json']) {
    const imported = importCalls(text(b), text('treasury.json'));
    assert.equal(JSON.stringify(imported, null, 2) + '\n', cli(['import', en(b), '--treasury', en('treasury.json')]));
    assert.equal(importCalls(JSON.parse(text(b)), JSON.parse(text('treasury.json')), { format: 'text' }),
      cli(['import', en(b), '--treasury', en('treasury.json'), '--format', 'text']));
    const report = check({ policy: text('policy.json'), treasury: text('treasury.json'), calls: text(b) });
    assert.deepEqual(report, JSON.parse(cli(['check', '--policy', en('policy.json'), '--treasury', en('treasury.json'),
      '--calls', en(b), '--format', 'json'])));
  }
});

test('importCalls reports bad input instead of throwing', async () => {
  await load();
  const out = importCalls('{"not": "calls"}', text('treasury.json'));
  assert.equal(out.valid, false);
  assert.equal(out.errors[0].code, 'kind.unknown');
  assert.throws(() => importCalls('{}', text('treasury.json'), { format: 'yaml' }), /formats are/);
  const bad = check({ policy: text('policy.json'), treasury: text('treasury.json'), calls: '{"transactions": 1}' });
  assert.equal(bad.verdict, 'error');
});

test('importCalls gives every call kind as the action ethers encoded it from', async () => {
  await load();
  const { imports } = JSON.parse(readFileSync(path.join(root, 'tests/calls/fixtures.json'), 'utf8'));
  const proposal = importCalls(imports.calls, imports.treasury);
  assert.deepEqual(proposal.actions, imports.actions);
});

test('exportCalls gives the files ballast export writes, and names what it cannot write', async () => {
  await load();
  const input = { treasury: text('treasury.json'), proposal: text('proposal-compliant.json') };
  const batch = exportCalls(input);
  assert.equal(`${JSON.stringify(batch.document, null, 2)}\n`, text('batch-exported.json'));
  assert.equal(`${JSON.stringify(batch.orders, null, 2)}\n`, text('batch-exported.orders.json'));
  const calls = exportCalls(input, { format: 'calls' });
  assert.equal(`${JSON.stringify(calls.document, null, 2)}\n`, text('calls-exported.json'));
  const later = exportCalls(input, { deadlineHours: 1 });
  assert.notEqual(later.document.meta.checksum, batch.document.meta.checksum);
  const bad = exportCalls({ treasury: text('treasury.json'), proposal: text('proposal-violating.json') });
  assert.equal(bad.valid, false);
  assert.equal(bad.errors[0].code, 'export.unsupported');
  assert.throws(() => exportCalls({ treasury: text('treasury.json') }), { code: 'invalid_argument' });
  assert.throws(() => exportCalls(input, { format: 'json' }), { code: 'invalid_argument' });
  assert.throws(() => exportCalls(input, { deadlineHours: -1 }), { code: 'invalid_argument' });
});
