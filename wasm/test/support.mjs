// Test helpers: the repository's examples and conformance corpus, read from the source tree.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every conformance case: {name, doc, input (the case bytes, as the CLI reads them), utf8}. */
export function corpus() {
  const dir = path.join(root, 'tests/conformance/cases');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const doc = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
      const input = doc.case_file
        ? readFileSync(path.join(dir, doc.case_file))
        : Buffer.from(JSON.stringify(doc.case), 'utf8');
      // JavaScript strings are always valid Unicode: a case whose bytes are not valid UTF-8 cannot
      // reach the package as text (its lone-surrogate form is tested instead).
      let utf8 = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(input);
      } catch {
        utf8 = false;
      }
      return { name: f.slice(0, -5), doc, input, utf8 };
    });
}

/** Every example proposal: {name, dir, policy, treasury, proposal} as text. */
export function examples() {
  const base = path.join(root, 'examples');
  const out = [];
  for (const ex of readdirSync(base).sort()) {
    const dir = path.join(base, ex);
    const read = (f) => readFileSync(path.join(dir, f), 'utf8');
    for (const p of readdirSync(dir).filter((f) => f.startsWith('proposal-')).sort()) {
      out.push({ name: `${ex}/${p}`, dir, policy: read('policy.json'), treasury: read('treasury.json'), proposal: read(p) });
    }
  }
  return out;
}

/**
 * The package's two modules, each through the public entry: [[name, api], ...]. In Node, load()
 * takes the Node module (built for speed); the browser module (built within the download's budget)
 * is loaded, given its bytes, by a second instance of the entry, as a bundler would.
 */
export async function bothModules() {
  const { load } = await import('@ballast/checker');
  const entry = await import(new URL('../src/index.mjs?browser-module', import.meta.url).href);
  const bytes = readFileSync(path.join(root, 'wasm/dist/ballast_wasm.wasm'));
  return [['the Node module', await load()], ['the browser module', await entry.load({ wasmBinary: bytes })]];
}
