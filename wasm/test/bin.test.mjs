// The package's `ballast` bin (the CLI's source compiled for Node) prints what the native CLI
// prints, byte for byte, with the same exit code, for every command, format and input error.
// The native binary comes from BALLAST_CLI; scripts/test.sh sets it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { root } from './support.mjs';

const bin = fileURLToPath(new URL('../bin/ballast.mjs', import.meta.url));
const native = process.env.BALLAST_CLI && path.resolve(process.env.BALLAST_CLI);

const ex = (name) => `examples/${name}`;
const gd = (f) => ex(`grants-dao/${f}`);
const en = (f) => ex(`endowment/${f}`);

const invocations = [
  ['version'],
  ['--help'],
  ['check', '--help'],
  ['rules'],
  ['schema', 'policy'],
  ['schema', 'nope'],
  ...['text', 'json', 'junit', 'github', 'sarif', 'markdown'].map((format) =>
    ['check', '--policy', en('policy.json'), '--treasury', en('treasury.json'), '--proposal',
      en('proposal-violating.json'), '--format', format]),
  ['check', '--policy', gd('policy.json'), '--treasury', gd('treasury.json'), gd('proposal-compliant.json'),
    gd('proposal-violating.json'), '--format', 'sarif'],
  ['check', '--policy', gd('policy.json'), '--treasury', gd('treasury.json'), gd('proposal-compliant.json'),
    '--fail-on-warn'],
  ['status', '--policy', en('policy.json'), '--treasury', en('treasury.json'), '--format', 'json'],
  ['validate', en('policy.json'), en('treasury.json'), '--format', 'json'],
  ['diff', en('policy.json'), en('policy-amendment.json'), '--treasury', en('treasury.json')],
  // Imported calls: the Tx Builder batches decoded and checked.
  ...['batch-compliant.json', 'batch-violating.json'].flatMap((b) => [
    ['import', en(b), '--treasury', en('treasury.json')],
    ['import', en(b), '--treasury', en('treasury.json'), '--format', 'text'],
    ['check', '--policy', en('policy.json'), '--treasury', en('treasury.json'), '--calls', en(b), '--format', 'json'],
  ]),
  ['import', en('policy.json'), '--treasury', en('treasury.json')],
  // Export: the tranche as calls/1, and what cannot be exported.
  ['export', '--treasury', en('treasury.json'), '--proposal', en('proposal-compliant.json'), '--format', 'calls'],
  ['export', '--treasury', en('treasury.json'), '--proposal', en('proposal-violating.json')],
  // Input errors: a directory, a missing file, a document of the wrong kind, a bad option.
  ['check', '--policy', 'examples', '--treasury', en('treasury.json'), '--proposal', en('proposal-violating.json')],
  ['check', '--policy', 'no-such-file.json', '--treasury', en('treasury.json'), '--proposal',
    en('proposal-violating.json'), '--format', 'json'],
  ['check', en('policy.json')],
  ['check', '--format', 'yaml', en('policy.json')],
  ['frobnicate'],
];

function run(command, args, env = {}) {
  const r = spawnSync(command, args, { cwd: root, env: { ...process.env, NO_COLOR: '', ...env }, maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

test('the bin and the native CLI agree on output and exit code', { skip: !native && 'set BALLAST_CLI' }, () => {
  for (const args of invocations) {
    const expected = run(native, args);
    const actual = run('node', [bin, ...args]);
    assert.deepEqual(actual, expected, `ballast ${args.join(' ')}`);
  }
});

test('the bin writes the GitHub job summary and reads stdin', { skip: !native && 'set BALLAST_CLI' }, () => {
  const work = mkdtempSync(path.join(tmpdir(), 'ballast-bin-'));
  try {
    const args = ['check', '--policy', en('policy.json'), '--treasury', en('treasury.json'), '--proposal',
      en('proposal-violating.json'), '--format', 'github'];
    const summaries = [native, 'node'].map((command, i) => {
      const file = path.join(work, `summary-${i}.md`);
      const r = run(command, command === 'node' ? [bin, ...args] : args, { GITHUB_STEP_SUMMARY: file });
      assert.equal(r.status, 1);
      return readFileSync(file, 'utf8');
    });
    assert.match(summaries[1], /^## /m);
    assert.equal(summaries[1], summaries[0]);

    const caseText = JSON.stringify({ ballast: 'case/1',
      ...Object.fromEntries(['policy', 'treasury', 'proposal'].map((k) =>
        [k, JSON.parse(readFileSync(path.join(root, gd(`${k === 'proposal' ? 'proposal-compliant' : k}.json`)), 'utf8'))])) });
    const viaStdin = spawnSync('node', [bin, 'check', '-', '--format', 'json'], { cwd: root, input: caseText });
    assert.equal(viaStdin.status, 0, viaStdin.stderr.toString());
    assert.equal(JSON.parse(viaStdin.stdout.toString()).verdict, 'pass');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
