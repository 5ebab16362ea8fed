// The GitHub Action (action.yml at the repository root) runs its step script against the packed
// package the way a workflow would: inputs become the step's environment, proposal patterns are
// expanded, findings become annotations with lines, and the job summary gets the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { root } from './support.mjs';

const pkgDir = fileURLToPath(new URL('../', import.meta.url));
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8'));
const manifest = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const step = action.runs.steps.find((s) => s.run);

// The step's environment for the given inputs, as the runner would substitute ${{ inputs.x }}.
function stepEnv(inputs) {
  const values = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, inputs[k] ?? v.default ?? '']));
  return Object.fromEntries(Object.entries(step.env).map(([k, v]) =>
    [k, v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name) => {
      assert.ok(name in action.inputs, `action.yml uses an undeclared input ${name}`);
      return values[name];
    })]));
}

test('action.yml declares what its step uses, and runs the released package by default', () => {
  assert.equal(action.runs.using, 'composite');
  assert.match(step.run, /\$GITHUB_ACTION_PATH\/scripts\/action\.sh/);
  assert.equal(action.inputs.package.default, `${manifest.name}@${manifest.version}`);
  for (const name of ['policy', 'treasury', 'proposals']) assert.equal(action.inputs[name].required, true);
  stepEnv({});
});

test('the action checks a repository of proposals', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'ballast-action-'));
  try {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: pkgDir }));
    const tarball = path.join(work, packed[0].filename);
    const repo = path.join(work, 'repo');
    mkdirSync(path.join(repo, 'treasury/proposals/2026'), { recursive: true });
    const ex = path.join(root, 'examples/grants-dao');
    cpSync(path.join(ex, 'policy.json'), path.join(repo, 'treasury/policy.json'));
    cpSync(path.join(ex, 'treasury.json'), path.join(repo, 'treasury/snapshot.json'));
    cpSync(path.join(ex, 'proposal-compliant.json'), path.join(repo, 'treasury/proposals/2026/a.json'));
    cpSync(path.join(ex, 'proposal-violating.json'), path.join(repo, 'treasury/proposals/2026/b.json'));

    const run = (inputs) => {
      const summary = path.join(work, `summary-${Math.random()}.md`);
      const env = { ...process.env, ...stepEnv({ policy: 'treasury/policy.json', treasury: 'treasury/snapshot.json',
        package: tarball, ...inputs }), GITHUB_STEP_SUMMARY: summary, npm_config_prefer_offline: 'true' };  // see package.test.mjs
      const r = spawnSync(path.join(root, 'scripts/action.sh'), [], { cwd: repo, env });
      let written = '';
      try { written = readFileSync(summary, 'utf8'); } catch { /* no summary */ }
      return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString(), summary: written };
    };

    const both = run({ proposals: 'treasury/proposals/**/*.json' });
    assert.equal(both.status, 1, both.stderr);
    assert.match(both.stdout, /^::error file=treasury\/proposals\/2026\/b\.json,line=\d+/m);
    assert.doesNotMatch(both.stdout, /file=treasury\/proposals\/2026\/a\.json/);
    assert.match(both.summary, /a\.json/);
    assert.match(both.summary, /b\.json/);

    const compliant = run({ proposals: 'treasury/proposals/2026/a.json\n' });
    assert.equal(compliant.status, 0, compliant.stdout + compliant.stderr);

    const missing = run({ proposals: 'treasury/proposals/2026/a.json treasury/none/*.json' });
    assert.equal(missing.status, 2);
    assert.match(missing.stdout, /file\.unreadable/);
    assert.match(missing.stdout, /treasury\/none\/\*\.json/);

    const sarif = run({ proposals: 'treasury/proposals/2026/b.json', format: 'sarif', output: 'ballast.sarif' });
    assert.equal(sarif.status, 1);
    assert.equal(JSON.parse(readFileSync(path.join(repo, 'ballast.sarif'), 'utf8')).version, '2.1.0');

    assert.equal(run({ proposals: ' ' }).status, 64);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
