// For every conformance case and example, the native CLI's JSON and checkJson's text are
// byte-identical, and the CLI built with g++ and with clang++ agree. The CLI binaries come from
// BALLAST_CLI (and BALLAST_CLI_CLANG); scripts/test.sh sets both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { load } from '@ballast/checker';
import { corpus, examples } from './support.mjs';

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
  return all;
}

test('native CLI (g++, clang++) and WebAssembly give byte-identical reports', { skip: clis.length === 0 &&
  'set BALLAST_CLI (and BALLAST_CLI_CLANG) to the native binaries' }, async () => {
  const ballast = await load();
  let compared = 0;
  for (const { name, input } of inputs()) {
    const wasm = ballast.checkJson(input.toString('utf8')) + '\n';
    for (const binary of clis) {
      const native = cli(binary, input);
      if (native !== wasm) {
        let i = 0;
        while (i < native.length && native[i] === wasm[i]) i++;
        assert.fail(`first differing case: ${name} (${binary}), at character ${i}:\n` +
          `native: ${JSON.stringify(native.slice(Math.max(0, i - 40), i + 40))}\n` +
          `wasm:   ${JSON.stringify(wasm.slice(Math.max(0, i - 40), i + 40))}`);
      }
      compared++;
    }
  }
  assert.ok(compared >= clis.length * 130, `compared ${compared}`);
});
