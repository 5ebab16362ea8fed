// Assembles the static site into build-web/site: the page, the element, the npm package's
// browser files (from wasm/, built by the WebAssembly build) and the bundled examples.
// Usage: node web/build.mjs [outDir]
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = path.resolve(process.argv[2] || path.join(root, 'build-web/site'));

const dist = path.join(root, 'wasm/dist');
if (!existsSync(path.join(dist, 'ballast_wasm.wasm'))) {
  console.error('wasm/dist is missing: run the WebAssembly build first (scripts/serve.sh does)');
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const f of ['index.html', 'embed.html', 'embed.css', 'embed.mjs', 'style.css', 'app.mjs', 'view.mjs', 'units.mjs',
  'pointer.mjs', 'ballast-check.mjs']) {
  cpSync(path.join(root, 'web', f), path.join(out, f));
}
mkdirSync(path.join(out, 'ballast/src'), { recursive: true });
mkdirSync(path.join(out, 'ballast/dist'), { recursive: true });
for (const f of ['index.mjs', 'errors.mjs', 'planner.mjs']) cpSync(path.join(root, 'wasm/src', f), path.join(out, 'ballast/src', f));
for (const f of ['ballast_wasm.mjs', 'ballast_wasm.wasm', 'ballast_plan_wasm.mjs', 'ballast_plan_wasm.wasm']) cpSync(path.join(dist, f), path.join(out, 'ballast/dist', f));

const index = [];
for (const ex of readdirSync(path.join(root, 'examples')).sort()) {
  const src = path.join(root, 'examples', ex);
  cpSync(src, path.join(out, 'examples', ex), { recursive: true });
  const policy = JSON.parse(readFileSync(path.join(src, 'policy.json'), 'utf8'));
  for (const p of readdirSync(src).filter((f) => f.startsWith('proposal-')).sort()) {
    const proposal = JSON.parse(readFileSync(path.join(src, p), 'utf8'));
    index.push({
      id: `${ex}/${p.replace(/\.json$/, '')}`,
      title: `${policy.name || ex} — ${proposal.id}: ${proposal.title || p}`,
      policy: `examples/${ex}/policy.json`,
      treasury: `examples/${ex}/treasury.json`,
      proposal: `examples/${ex}/${p}`,
    });
  }
}
writeFileSync(path.join(out, 'examples/index.json'), JSON.stringify(index, null, 2));
console.log(`site written to ${path.relative(root, out) || out}`);
