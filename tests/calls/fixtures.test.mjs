// The committed fixtures are exactly what ethers encodes from generate.mjs's parameters, and the
// MultiSend one is the research note's vector (safe-core-sdk createTransactionBatch.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

test('fixtures.json is what generate.mjs writes', () => {
  execFileSync(process.execPath, [new URL('./generate.mjs', import.meta.url).pathname, '--check']);
});

test('the MultiSend fixture is the published vector', () => {
  const { cases } = JSON.parse(readFileSync(new URL('./fixtures.json', import.meta.url), 'utf8'));
  const data = cases.find((c) => c.name === 'multisend-two-transfers').calls[0].data;
  assert.equal(data.slice(0, 10), '0x8d80ff0a');
  assert.equal(BigInt(`0x${data.slice(10, 74)}`), 0x20n);
  assert.equal(BigInt(`0x${data.slice(74, 138)}`), 0x132n);  // 2 x (85 + 68)
  assert.equal((data.length - 10) / 2, 32 + 32 + 320);        // padded to 320 bytes
  assert.ok(data.includes('67b5656d60a809915323bf2c40a8bef15a152e3e'));
  assert.ok(data.includes('06f05b59d3b20000'));                // 0.5e18
});

test('the endowment example batches are what examples.mjs writes', () => {
  execFileSync(process.execPath, [new URL('./examples.mjs', import.meta.url).pathname, '--check']);
});
