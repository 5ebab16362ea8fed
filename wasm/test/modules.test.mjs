// The package's two modules (Node's, built for speed, and the browser's, built within the download's
// budget; ../CMakeLists.txt) answer every entry point with the same bytes: each call's result is
// serialised and compared, over the examples, their batches and amendment, a bad document and
// every schema. (determinism.test.mjs compares both with the native CLI on the whole corpus.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { bothModules, examples, root } from './support.mjs';

const text = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

// [name, (api) => result] for every entry point of the checker's module.
function calls() {
  const out = [];
  for (const ex of examples()) {
    const docs = { policy: ex.policy, treasury: ex.treasury, proposal: ex.proposal };
    out.push([`check ${ex.name}`, (b) => b.check(docs)]);
    out.push([`checkJson ${ex.name}`, (b) => b.checkJson(JSON.stringify({ ballast: 'case/1', policy: JSON.parse(ex.policy),
      treasury: JSON.parse(ex.treasury), proposal: JSON.parse(ex.proposal) }))]);
    out.push([`prepared check ${ex.name}`, (b) => {
      const prepared = b.prepare({ policy: ex.policy, treasury: ex.treasury });
      try {
        return [prepared.status(), prepared.check(ex.proposal)];
      } finally {
        prepared.dispose();
      }
    }]);
    out.push([`status ${ex.name}`, (b) => b.status({ policy: ex.policy, treasury: ex.treasury })]);
    out.push([`validate ${ex.name}`, (b) => [b.validate(ex.policy), b.validate(ex.treasury), b.validate(ex.proposal)]]);
    for (const format of ['safe-batch', 'calls']) {
      out.push([`exportCalls ${format} ${ex.name}`, (b) => {
        try {
          return b.exportCalls({ treasury: ex.treasury, proposal: ex.proposal }, { format });
        } catch (e) {
          return `${e.code}: ${e.message}`;
        }
      }]);
    }
  }
  const dir = path.join(root, 'examples/endowment');
  const read = (f) => readFileSync(path.join(dir, f), 'utf8');
  for (const f of readdirSync(dir).filter((x) => x.startsWith('batch-') || x.startsWith('calls-')).sort()) {
    out.push([`importCalls ${f}`, (b) => [b.importCalls(read(f), read('treasury.json')),
      b.importCalls(read(f), read('treasury.json'), { format: 'text' })]]);
    out.push([`check calls ${f}`, (b) => b.check({ policy: read('policy.json'), treasury: read('treasury.json'), calls: read(f) })]);
  }
  out.push(['diff the amendment', (b) => [b.diff(read('policy.json'), read('policy-amendment.json')),
    b.diff(read('policy.json'), read('policy-amendment.json'), read('treasury.json'))]]);
  out.push(['a bad document', (b) => b.checkJson('{"ballast": "case/1", "policy": {"ballast": "policy/1", "id": 7}}')]);
  out.push(['schemas and kinds', (b) => [b.documentKinds(), ...b.documentKinds().map((k) => b.schema(k.name)), b.version()]]);
  return out;
}

test('the Node module and the browser module give the same bytes for every entry point', async () => {
  const [[, node], [, browser]] = await bothModules();
  let compared = 0;
  for (const [name, call] of calls()) {
    assert.equal(text(call(node)), text(call(browser)), name);
    compared++;
  }
  assert.ok(compared >= 40, `compared ${compared}`);
});
