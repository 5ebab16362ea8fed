// Before load(), the module-level functions throw not_loaded (ESM and CommonJS entries).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { check, version, BallastError } from '@ballast/checker';

const require = createRequire(import.meta.url);

test('calling before load throws not_loaded', () => {
  assert.throws(() => check('{}'), (e) => e instanceof BallastError && e.code === 'not_loaded');
  assert.throws(() => version(), (e) => e.code === 'not_loaded');
  const cjs = require('@ballast/checker');
  assert.throws(() => cjs.check('{}'), (e) => e instanceof cjs.BallastError && e.code === 'not_loaded');
  // One error class for both entries.
  assert.equal(cjs.BallastError, BallastError);
});

test('a load that fails rejects with load_failed, and a later load can succeed', async () => {
  const { load } = await import('@ballast/checker');
  await assert.rejects(load({ wasmBinary: new Uint8Array([0, 1, 2, 3]) }),
    (e) => e instanceof BallastError && e.code === 'load_failed');
  const ballast = await load();
  assert.equal(ballast.version(), '0.1.0');
});
