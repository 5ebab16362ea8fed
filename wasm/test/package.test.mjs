// The packed tarball installs into an empty project and works by ESM import and by require.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { examples } from './support.mjs';

const pkgDir = fileURLToPath(new URL('../', import.meta.url));

test('npm pack, install the tarball, import it by ESM and by require', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'ballast-pack-'));
  try {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: pkgDir }));
    const files = packed[0].files.map((f) => f.path).sort();
    for (const f of ['dist/ballast_node_wasm.mjs', 'dist/ballast_node_wasm.wasm', 'bin/ballast.mjs', 'bin/ballast-snapshot.mjs', 'schemas/snapshot-config.schema.json', 'src/chain.mjs', 'src/chain.d.mts', 'src/snapshot-config.mjs', 'dist/ballast_cli.cjs', 'dist/ballast_cli.wasm', 'dist/ballast_wasm.mjs', 'dist/ballast_wasm.wasm', 'dist/schemas/policy.schema.json',
      'src/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'src/index.mjs', 'src/errors.mjs', 'src/errors.cjs', 'package.json', 'README.md']) {
      assert.ok(files.includes(f), `tarball lacks ${f}`);
    }
    assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('node_modules/')), 'tarball has test files');
    const manifest = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
    assert.equal(manifest.scripts.install, undefined);
    assert.equal(manifest.scripts.postinstall, undefined);

    const app = path.join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    // --prefer-offline: from npm's cache when it has what the dependencies need, from the registry
    // otherwise (a fresh machine's cache holds the lock file's tarballs, not the registry's package
    // documents that installing a tarball resolves its dependencies with).
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed[0].filename)],
      { cwd: app, stdio: 'pipe' });
    const ex = examples().find((e) => e.name === 'endowment/proposal-violating.json');
    writeFileSync(path.join(app, 'docs.json'), JSON.stringify(ex));
    writeFileSync(path.join(app, 'esm.mjs'), `
      import { load } from '@ballast/checker';
      import { readFileSync } from 'node:fs';
      const d = JSON.parse(readFileSync('docs.json', 'utf8'));
      const ballast = await load();
      const r = ballast.check({ policy: d.policy, treasury: d.treasury, proposal: d.proposal });
      console.log(r.verdict, r.summary.errors, ballast.schema('case').title);`);
    writeFileSync(path.join(app, 'cjs.cjs'), `
      const { load, BallastError } = require('@ballast/checker');
      const d = require('./docs.json');
      load().then((ballast) => {
        const r = ballast.check({ policy: d.policy, treasury: d.treasury, proposal: d.proposal });
        let code = null;
        try { ballast.schema('nope'); } catch (e) { code = e instanceof BallastError && e.code; }
        console.log(r.verdict, r.summary.errors, code);
      });`);
    assert.equal(execFileSync('node', ['esm.mjs'], { cwd: app }).toString().trim(), 'fail 8 Ballast case/1');
    assert.equal(execFileSync('node', ['cjs.cjs'], { cwd: app }).toString().trim(), 'fail 8 unknown_kind');
    const schema = execFileSync('node', ['-e',
      "console.log(require('@ballast/checker/schemas/treasury.json').title)"], { cwd: app }).toString().trim();
    assert.equal(schema, 'Ballast treasury/1');
    const snapshotSchema = execFileSync('node', ['-e',
      "console.log(require('@ballast/checker/schemas/snapshot-config.json').title)"], { cwd: app }).toString().trim();
    assert.equal(snapshotSchema, 'Ballast snapshot-config/1');

    // The bin: `npx @ballast/checker check …` in the project that installed it, and `npm exec`
    // straight from the tarball in an empty folder (no C++ toolchain involved either way).
    const dir = path.join(ex.dir);
    const npx = spawnSync('npx', ['--prefer-offline', '@ballast/checker', 'check', '--policy', path.join(dir, 'policy.json'),
      '--treasury', path.join(dir, 'treasury.json'), '--proposal', path.join(dir, 'proposal-violating.json'),
      '--format', 'json'], { cwd: app });
    assert.equal(npx.status, 1, npx.stderr.toString());
    const report = JSON.parse(npx.stdout.toString());
    assert.deepEqual([report.verdict, report.summary.errors], ['fail', 8]);
    const empty = path.join(work, 'empty');
    execFileSync('mkdir', ['-p', empty]);
    const exec = spawnSync('npm', ['exec', '--prefer-offline', '--yes', `--package=${path.join(work, packed[0].filename)}`,
      '--', 'ballast', 'version'], { cwd: empty });
    assert.equal(exec.status, 0, exec.stderr.toString());
    assert.equal(exec.stdout.toString(), `ballast ${manifest.version}\n`);

    // @ballast/checker/chain and the ballast-snapshot bin, from the installed tarball (viem comes
    // with it as a dependency). The chain itself is tested in tests/chain against a local EVM.
    writeFileSync(path.join(app, 'chain.mjs'), `
      import { readConfig, decimalOf, MULTICALL3 } from '@ballast/checker/chain';
      const c = readConfig({ ballast: 'snapshot-config/1', chain_id: 1, account: '0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe',
        numeraire: 'USD', assets: [{ id: 'ETH', native: true, price: { fixed: '3000' } }],
        venues: [{ id: 'p', kind: 'uniswap_v3', address: '0x88e6a0c2ddd26feeb64f039a2c41296fcb3f5640' }] });
      console.log(c.venues[0].tick_words, decimalOf(300012345678n, 8), MULTICALL3);`);
    assert.equal(execFileSync('node', ['chain.mjs'], { cwd: app }).toString().trim(),
      '2 3000.12345678 0xcA11bde05977b3631167028862bE2a173976CA11');
    const usage = spawnSync('npx', ['--prefer-offline', 'ballast-snapshot', '--config', 'none.json'], { cwd: app });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr.toString(), /--rpc is required/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
