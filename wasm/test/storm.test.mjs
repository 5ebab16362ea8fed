// 100,000 calls with invalid input: the module keeps answering correctly and its memory does not grow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from '@ballast/checker';
import { examples } from './support.mjs';

test('an error storm neither kills the module nor leaks', async () => {
  const ballast = await load();
  const ex = examples().find((e) => e.name === 'endowment/proposal-violating.json');
  const good = { policy: ex.policy, treasury: ex.treasury, proposal: ex.proposal };
  const expected = ballast.check(good);
  const bad = ['', '{', '{"ballast": "case/1", "policy": 1}', '[' .repeat(200), '{"a": 1, "a": 2}', '\u{dfff}',
    JSON.stringify({ ballast: 'case/1', policy: { ballast: 'policy/1' }, treasury: { ballast: 'treasury/1' },
      proposal: { ballast: 'proposal/1', actions: [{ type: 'swap', amount_in: 1e99 }] } })];
  // Warm up, then measure.
  for (let i = 0; i < 1000; i++) ballast.checkJson(bad[i % bad.length]);
  const before = ballast.stats();
  for (let i = 0; i < 100000; i++) {
    const text = ballast.checkJson(bad[i % bad.length]);
    if (i % 10007 === 0) assert.equal(JSON.parse(text).verdict, 'error');
  }
  const after = ballast.stats();
  assert.equal(after.heapInUse, before.heapInUse, 'bytes allocated after the storm');
  assert.equal(after.memoryBytes, before.memoryBytes, 'linear memory after the storm');
  assert.deepEqual(ballast.check(good), expected);
});
