// For every conformance case and example, the native CLI's JSON and checkJson's text are
// byte-identical, in both of the package's modules (Node's and the browser's), and the CLI built
// with g++ and with clang++ agree. The CLI binaries come from
// BALLAST_CLI (and BALLAST_CLI_CLANG); scripts/test.sh sets both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { bothModules, corpus, examples } from './support.mjs';

const clis = [process.env.BALLAST_CLI, process.env.BALLAST_CLI_CLANG].filter(Boolean);

function cli(binary, input) {
  try {
    return execFileSync(binary, ['check', '-', '--format', 'json'], { input, maxBuffer: 1 << 26 }).toString('utf8');
  } catch (e) {
    if (typeof e.status === 'number' && e.status <= 2) return e.stdout.toString('utf8');
    throw e;
  }
}

function inputs() {
  const all = corpus().filter((c) => c.utf8).map(({ name, input }) => ({ name, input }));
  for (const ex of examples()) {
    const caseText = JSON.stringify({ ballast: 'case/1', policy: JSON.parse(ex.policy),
      treasury: JSON.parse(ex.treasury), proposal: JSON.parse(ex.proposal) });
    all.push({ name: `example ${ex.name}`, input: Buffer.from(caseText, 'utf8') });
  }
  // Text beyond ASCII crosses into the module and back as the same UTF-8: a title with two-, three-
  // and four-byte characters, and an unknown key with them, which the report quotes.
  const ex = examples()[0];
  const proposal = { ...JSON.parse(ex.proposal), title: 'Rééquilibrage — 再平衡 🙂' };
  const policy = { ...JSON.parse(ex.policy), 'remarque — 注 🙂': 1 };
  for (const [name, doc] of [['a title beyond ASCII', { proposal }], ['an unknown key beyond ASCII', { policy }]]) {
    const text = JSON.stringify({ ballast: 'case/1', policy: JSON.parse(ex.policy), treasury: JSON.parse(ex.treasury),
      proposal: JSON.parse(ex.proposal), ...doc });
    all.push({ name, input: Buffer.from(text, 'utf8') });
  }
  return all;
}

test('native CLI (g++, clang++) and WebAssembly give byte-identical reports', { skip: clis.length === 0 &&
  'set BALLAST_CLI (and BALLAST_CLI_CLANG) to the native binaries' }, async () => {
  const modules = await bothModules();
  let compared = 0;
  for (const { name, input } of inputs()) {
    const natives = clis.map((binary) => [binary, cli(binary, input)]);
    for (const [module, ballast] of modules) {
      const wasm = ballast.checkJson(input.toString('utf8')) + '\n';
      for (const [binary, native] of natives) {
        if (native !== wasm) {
          let i = 0;
          while (i < native.length && native[i] === wasm[i]) i++;
          assert.fail(`first differing case: ${name} (${binary}, ${module}), at character ${i}:\n` +
            `native: ${JSON.stringify(native.slice(Math.max(0, i - 40), i + 40))}\n` +
            `wasm:   ${JSON.stringify(wasm.slice(Math.max(0, i - 40), i + 40))}`);
        }
        compared++;
      }
    }
  }
  assert.ok(compared >= 2 * clis.length * 130, `compared ${compared}`);
});

test('policy diffs: the native CLI and diff() give the same diff/1 for every pair of the diff corpus', {
  skip: clis.length === 0 && 'set BALLAST_CLI (and BALLAST_CLI_CLANG) to the native binaries' }, async () => {
  const modules = await bothModules();
  const { mkdtempSync, writeFileSync, readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { root } = await import('./support.mjs');
  const dir = join(root, 'tests/diff/cases');
  const tmp = mkdtempSync(join(tmpdir(), 'ballast-diff-'));
  let compared = 0;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const c = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const texts = { old: c.old_text ?? JSON.stringify(c.old), new: JSON.stringify(c.new) };
    if (c.treasury) texts.treasury = JSON.stringify(c.treasury);
    const args = ['diff'];
    for (const side of ['old', 'new']) {
      writeFileSync(join(tmp, side), texts[side]);
      args.push(join(tmp, side));
    }
    if (texts.treasury) {
      writeFileSync(join(tmp, 'treasury'), texts.treasury);
      args.push('--treasury', join(tmp, 'treasury'));
    }
    const wasms = modules.map(([module, ballast]) =>
      [module, JSON.stringify(ballast.diff(texts.old, texts.new, texts.treasury), null, 2) + '\n']);
    for (const binary of clis) {
      let native;
      try {
        native = execFileSync(binary, [...args, '--format', 'json']).toString('utf8');
      } catch (e) {
        native = e.stdout.toString('utf8');
      }
      const expected = JSON.stringify(JSON.parse(native), null, 2) + '\n';
      for (const [module, wasm] of wasms) {
        assert.equal(expected, wasm, `diff case ${f}, ${module}`);
        compared++;
      }
    }
  }
  assert.ok(compared >= 2 * clis.length * 100, `compared ${compared}`);
});
