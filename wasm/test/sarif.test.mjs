// The CLI's SARIF (--format sarif) against the SARIF 2.1.0 JSON Schema (the OASIS schema, as
// published with Microsoft's SARIF tooling), for every example proposal, several proposals in one
// run, a status and an invalid input. BALLAST_CLI is the native binary (scripts/test.sh sets it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { root } from './support.mjs';

const require = createRequire(import.meta.url);
const cli = process.env.BALLAST_CLI;

function sarif(args) {
  try {
    return JSON.parse(execFileSync(cli, [...args, '--format', 'sarif'], { cwd: root }).toString('utf8'));
  } catch (e) {
    if (typeof e.status === 'number' && e.status <= 2) return JSON.parse(e.stdout.toString('utf8'));
    throw e;
  }
}

test('SARIF output is valid SARIF 2.1.0, with rules, levels and source lines', { skip: !cli && 'set BALLAST_CLI' }, () => {
  const Ajv = require('ajv');
  const ajv = new Ajv({ schemaId: 'id', allErrors: true, validateSchema: false });
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
  const schemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  const runs = [];
  for (const name of readdirSync(path.join(root, 'examples'))) {
    const dir = `examples/${name}`;
    const proposals = readdirSync(path.join(root, dir)).filter((f) => f.startsWith('proposal-')).map((f) => `${dir}/${f}`);
    runs.push(['check', '--policy', `${dir}/policy.json`, '--treasury', `${dir}/treasury.json`, ...proposals]);
    runs.push(['status', '--policy', `${dir}/policy.json`, '--treasury', `${dir}/treasury.json`]);
  }
  runs.push(['check', '--policy', 'examples/endowment/treasury.json', '--treasury', 'examples/endowment/treasury.json',
    '--proposal', 'examples/endowment/proposal-compliant.json']);
  let results = 0;
  for (const args of runs) {
    const doc = sarif(args);
    const ok = validate(doc);
    assert.ok(ok, `${args.join(' ')}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    assert.equal(doc.version, '2.1.0');
    for (const run of doc.runs) {
      const ids = new Set(run.tool.driver.rules.map((r) => r.id));
      for (const r of run.results) {
        results++;
        // A finding's result names a rule of the driver; an input error's, its error code.
        if (r.properties) assert.ok(ids.has(r.ruleId), `${r.ruleId} is not among the driver's rules`);
        else assert.equal(r.level, 'error');
      }
    }
  }
  assert.ok(results > 20, `results ${results}`);
  // The violating endowment proposal: its swap findings point at the action's line in the proposal.
  const doc = sarif(['check', '--policy', 'examples/endowment/policy.json', '--treasury', 'examples/endowment/treasury.json',
    '--proposal', 'examples/endowment/proposal-violating.json']);
  const loss = doc.runs[0].results.find((r) => r.ruleId === 'swap.loss');
  const at = loss.locations[0].physicalLocation;
  assert.equal(at.artifactLocation.uri, 'examples/endowment/proposal-violating.json');
  const lines = readFileSync(path.join(root, at.artifactLocation.uri), 'utf8').split('\n');
  assert.match(lines[at.region.startLine - 1], /"type": "swap"/);
});
