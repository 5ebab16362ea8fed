// The package's public API, through its public entry.
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load, BallastError, check } from '@ballast/checker';
import { corpus, examples } from './support.mjs';

const ballast = await load();

test('load is memoized', async () => {
  assert.equal(await load(), ballast);
  assert.equal(await load({ wasmUrl: 'ignored-once-loaded.wasm' }), ballast);
  assert.equal(ballast.version(), '0.1.0');
});

test('examples give the verdicts of the README, from objects, texts and case objects alike', () => {
  const verdicts = {};
  for (const ex of examples()) {
    const fromText = ballast.check({ policy: ex.policy, treasury: ex.treasury, proposal: ex.proposal });
    const fromObjects = ballast.check({
      policy: JSON.parse(ex.policy), treasury: JSON.parse(ex.treasury), proposal: JSON.parse(ex.proposal) });
    const caseDoc = { ballast: 'case/1', policy: JSON.parse(ex.policy), treasury: JSON.parse(ex.treasury),
      proposal: JSON.parse(ex.proposal) };
    assert.deepEqual(fromObjects, fromText);
    assert.deepEqual(ballast.check(caseDoc), fromText);
    assert.deepEqual(ballast.check(JSON.stringify(caseDoc)), fromText);
    verdicts[ex.name] = `${fromText.verdict} ${fromText.summary.errors}`;
  }
  assert.deepEqual(verdicts, {
    'endowment/proposal-compliant.json': 'pass 0',
    'endowment/proposal-violating.json': 'fail 8',
    'grants-dao/proposal-compliant.json': 'pass 0',
    'grants-dao/proposal-violating.json': 'fail 5',
    'stablecoin-issuer/proposal-compliant.json': 'pass 0',
    'stablecoin-issuer/proposal-violating.json': 'fail 7',
  });
});

test('the whole conformance corpus gives the expected verdicts and findings', () => {
  for (const { name, doc, input } of corpus().filter((c) => c.utf8)) {
    const report = JSON.parse(ballast.checkJson(input.toString('utf8')));
    const expect = doc.expect;
    assert.equal(report.verdict, expect.verdict, name);
    if (expect.findings) {
      assert.deepEqual(report.findings.map((f) => `${f.rule} ${f.severity}`),
        expect.findings.map((f) => `${f.rule} ${f.severity}`), name);
    }
    if (expect.errors) assert.deepEqual(report.errors.map((e) => e.code), expect.errors.map((e) => e.code), name);
  }
});

test('bad documents give a report with verdict error, never a throw', () => {
  for (const text of ['', '{', '[]', 'null', '{"ballast": "case/1"}', '\u{d800}', 'x'.repeat(1000)]) {
    const r = ballast.check(text);
    assert.equal(r.verdict, 'error');
    assert.ok(r.errors.length >= 1);
    assert.match(r.errors[0].code, /^[a-z_]+\.[a-z_]+$/);
  }
  const deep = ballast.check('['.repeat(100000));
  assert.equal(deep.errors[0].code, 'limit.too_large');
  const r = ballast.check({ policy: { ballast: 'policy/1', limits: [{ select: 'eth', max_bps: 1e30 }] },
    treasury: '{}', proposal: { ballast: 'proposal/1', actions: [] } });
  assert.equal(r.verdict, 'error');
  assert.deepEqual(r.errors.map((e) => `${e.code} ${e.document} ${e.path}`).slice(0, 2),
    ['type.bps policy /limits/0/max_bps', 'field.missing treasury /as_of']);
});

test('text beyond ASCII reaches the core as its UTF-8; a lone surrogate as ill-formed UTF-8', () => {
  const key = 'remarque — 注 🙂';
  const v = ballast.validate(`{"ballast": "treasury/1", "${key}": 1}`);
  assert.ok(v.errors.some((e) => e.code === 'field.unknown' && e.path === `/${key}` && e.message.includes(key)));
  // A JavaScript string with a lone surrogate has no UTF-8 form: the core sees the surrogate's three
  // bytes and rejects them, where it is, as it rejects them in a file (not U+FFFD, which is valid).
  for (const s of ['\u{d800}', '\u{dfff}', 'x\u{dbff}y', '\u{dc00}\u{d800}', 'é\u{d83d}']) {
    const r = ballast.validate(`{"ballast": "treasury/1", "k": "${s}"}`);
    assert.equal(r.valid, false, JSON.stringify(s));
    assert.equal(r.errors[0].code, 'json.syntax', JSON.stringify(s));
    assert.match(r.errors[0].message, /invalid UTF-8/, JSON.stringify(s));
    assert.equal(r.errors[0].path, '/k', JSON.stringify(s));
  }
  // Well-formed pairs next to them are not split.
  assert.ok(ballast.validate(`{"ballast": "treasury/1", "🙂": 1}`).errors.some((e) => e.path === '/🙂'));
});

test('validate, status and schema', () => {
  const ex = examples()[0];
  assert.deepEqual(ballast.validate(ex.policy), { valid: true, kind: 'policy/1', errors: [] });
  const v = ballast.validate({ ballast: 'treasury/1', x: 1 });
  assert.equal(v.valid, false);
  assert.ok(v.errors.some((e) => e.code === 'field.unknown' && e.path === '/x'));
  const s = ballast.status({ policy: ex.policy, treasury: ex.treasury });
  assert.equal(s.mode, 'status');
  assert.equal(s.verdict, 'attention');  // the CLI's text and exit code say the same
  const inPolicy = ballast.status({ policy: { ballast: 'policy/1', numeraire: 'USD' }, treasury: ex.treasury });
  assert.equal(inPolicy.verdict, 'pass');
  assert.ok(s.findings.some((f) => f.rule === 'target.outside_band'));
  assert.equal(ballast.schema('policy').$id, 'urn:ballast:schema:policy:1');
  assert.deepEqual(ballast.schema('report/1'), ballast.schema('report'));
  // One list of document kinds: the module's registry, the schemas it ships and the declared type.
  const kinds = ballast.documentKinds().map((k) => k.name);
  for (const k of kinds) assert.equal(ballast.schema(k).$id, `urn:ballast:schema:${k}:1`);
  const dts = readFileSync(new URL('../dist/index.d.ts', import.meta.url), 'utf8');
  const declared = dts.match(/export type DocumentKindName = ([^;]+);/)[1].split('|').map((s) => s.trim().slice(1, -1));
  assert.deepEqual(declared, kinds);
});

test('misuse throws a typed BallastError', () => {
  const cases = [
    [() => ballast.check(42), 'invalid_argument'],
    [() => ballast.check(null), 'invalid_argument'],
    [() => ballast.check([1]), 'invalid_argument'],
    [() => ballast.checkJson({}), 'invalid_argument'],
    [() => ballast.validate(undefined), 'invalid_argument'],
    [() => ballast.status('x'), 'invalid_argument'],
    [() => ballast.schema('widget'), 'unknown_kind'],
    [() => ballast.schema(7), 'invalid_argument'],
    [() => { const loop = {}; loop.self = loop; return ballast.check({ policy: loop, treasury: {}, proposal: {} }); },
      'invalid_argument'],
  ];
  for (const [fn, code] of cases) {
    assert.throws(fn, (e) => e instanceof BallastError && e.code === code && e.name === 'BallastError');
  }
});

test('module-level functions work once loaded', () => {
  assert.equal(check(examples()[0].proposal).verdict, 'error');  // a proposal alone is not a case
});

test('load rejects bad options and bad bytes with BallastError', async () => {
  await assert.rejects(load(5), (e) => e instanceof BallastError && e.code === 'invalid_argument');
});

test('diff: what an amendment relaxes, with the statuses under both policies', () => {
  const read = readFileSync;
  const ex = new URL('../../examples/endowment/', import.meta.url);
  const policy = JSON.parse(read(new URL('policy.json', ex), 'utf8'));
  const amended = read(new URL('policy-amendment.json', ex), 'utf8');
  const d = ballast.diff(policy, amended, read(new URL('treasury.json', ex), 'utf8'));
  assert.equal(d.ballast, 'diff/1');
  assert.equal(d.verdict, 'mixed');
  const lido = d.changes.find((c) => c.rule === 'limit.max');
  assert.deepEqual([lido.change, lido.old, lido.new], ['relaxed', '3000', '3500']);
  assert.ok(d.status.disappeared.some((f) => f.rule === 'stress.floor.runway'));
  assert.equal(ballast.diff(policy, policy).verdict, 'neutral');
  assert.equal(ballast.diff('{', policy).verdict, 'error');
  assert.throws(() => ballast.diff(policy, 5), BallastError);
});

test('bigint amounts are written as decimal strings; a missing document is a clear misuse error', () => {
  const ex = examples()[0];
  const proposal = JSON.parse(ex.proposal);
  const viaText = ballast.check({ policy: ex.policy, treasury: ex.treasury, proposal });
  for (const a of proposal.actions) {
    for (const k of ['amount_in', 'amount_out', 'min_amount_out', 'max_amount_in', 'amount']) if (k in a) a[k] = BigInt(a[k]);
  }
  assert.deepEqual(ballast.check({ policy: ex.policy, treasury: ex.treasury, proposal }), viaText);
  assert.throws(() => ballast.check({ policy: ex.policy, treasury: ex.treasury }),
    (e) => e instanceof BallastError && e.code === 'invalid_argument' && /proposal missing/.test(e.message));
});

test('prepare: every proposal of the corpus and the examples checks as check() does, byte for byte', () => {
  let compared = 0;
  for (const { name, input } of corpus().filter((c) => c.utf8)) {
    let doc;
    try {
      doc = JSON.parse(input.toString('utf8'));
    } catch {
      continue;
    }
    if (doc === null || typeof doc !== 'object' || !('policy' in doc && 'treasury' in doc && 'proposal' in doc)) continue;
    const text = (v) => JSON.stringify(v);
    const prepared = ballast.prepare({ policy: text(doc.policy), treasury: text(doc.treasury) });
    const expected = ballast.checkJson(JSON.stringify({ policy: doc.policy, treasury: doc.treasury, proposal: doc.proposal,
      ballast: 'case/1' }));
    const separate = JSON.stringify(ballast.check({ policy: text(doc.policy), treasury: text(doc.treasury), proposal: text(doc.proposal) }));
    assert.equal(JSON.stringify(prepared.check(text(doc.proposal))), separate, name);
    assert.equal(JSON.parse(expected).verdict, prepared.check(doc.proposal).verdict, name);
    assert.deepEqual(prepared.status(), ballast.status({ policy: doc.policy, treasury: doc.treasury }), name);
    prepared.dispose();
    compared++;
  }
  assert.ok(compared > 100, `only ${compared} cases compared`);
  for (const ex of examples()) {
    const prepared = ballast.prepare({ policy: JSON.parse(ex.policy), treasury: ex.treasury });
    assert.deepEqual(prepared.check(ex.proposal), ballast.check(ex), ex.name);
    prepared.dispose();
  }
});

test('prepare: misuse, dispose, and no leak over many uses', () => {
  const ex = examples().find((e) => e.name === 'endowment/proposal-violating.json');
  assert.throws(() => ballast.prepare({ policy: ex.policy }), (e) => e instanceof BallastError && e.code === 'invalid_argument');
  assert.throws(() => ballast.prepare(null), (e) => e instanceof BallastError && e.code === 'invalid_argument');
  const prepared = ballast.prepare({ policy: ex.policy, treasury: ex.treasury });
  assert.throws(() => prepared.check(5), (e) => e instanceof BallastError && e.code === 'invalid_argument');
  assert.equal(prepared.check('{').verdict, 'error');
  prepared.dispose();
  prepared.dispose();
  assert.equal(prepared.disposed, true);
  assert.throws(() => prepared.check(ex.proposal), (e) => e instanceof BallastError && e.code === 'disposed');
  assert.throws(() => prepared.status(), (e) => e instanceof BallastError && e.code === 'disposed');

  const cycle = () => {
    const p = ballast.prepare({ policy: ex.policy, treasury: ex.treasury });
    for (let i = 0; i < 5; i++) p.check(ex.proposal);
    p.dispose();
  };
  for (let i = 0; i < 20; i++) cycle();
  const before = ballast.stats().heapInUse;
  for (let i = 0; i < 200; i++) cycle();
  assert.ok(ballast.stats().heapInUse <= before + 4096, `heap grew from ${before} to ${ballast.stats().heapInUse}`);
});
