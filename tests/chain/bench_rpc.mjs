// The measurement behind the snapshot's RPC library (docs/snapshot.md): the same reads — a v3
// pool's slot0, its bitmap words and every initialized tick — through viem (Multicall3, and
// JSON-RPC batches) and through ethers v6 (its JsonRpcProvider batches concurrent calls), against
// a local anvil; and the gzipped browser bundle each library adds, built by esbuild.
//   node bench_rpc.mjs [positions]        (default 200 positions, about 400 ticks)
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { createPublicClient, http, parseAbi } from 'viem';
import { Contract, JsonRpcProvider } from 'ethers';
import { startEvm } from './evm.mjs';
import { installMulticall3, mintPosition, sorted, token, uniswap, v3Pool } from './world.mjs';
import { MULTICALL3 } from '../../wasm/src/chain.mjs';

const POSITIONS = Number(process.argv[2] || 200);
const ABI = ['function slot0() view returns (uint160, int24, uint16, uint16, uint16, uint8, bool)',
  'function tickBitmap(int16) view returns (uint256)',
  'function ticks(int24) view returns (uint128, int128, uint256, uint256, int56, uint160, uint32, bool)'];

const evm = await startEvm();
try {
  await installMulticall3(evm);
  const u = await uniswap(evm);
  const a = await token(evm, 'A', 18, 10n ** 40n);
  const b = await token(evm, 'B', 18, 10n ** 40n);
  const pool = await v3Pool(evm, u, a, b, 3000, 2n ** 96n);
  const [t0, t1] = sorted(a, b);
  for (let i = 0; i < POSITIONS; i++) {
    const lo = -60 * (1 + ((i * 7919) % 500));
    await mintPosition(evm, u, t0, t1, 3000, lo, lo + 60 * (1 + ((i * 104729) % 700)), 10n ** 21n, 10n ** 21n);
  }
  const words = [];
  for (let w = -3; w <= 2; w++) words.push(w);
  const block = await evm.pub.getBlockNumber();

  async function viemRead(multicall) {
    const client = createPublicClient({ transport: http(evm.url, { batch: !multicall }) });
    const abi = parseAbi(ABI);
    const read = (calls) => (multicall
      ? client.multicall({ contracts: calls, allowFailure: false, blockNumber: block, multicallAddress: MULTICALL3, batchSize: 16384 })
      : Promise.all(calls.map((c) => client.readContract({ ...c, blockNumber: block }))));
    await read([{ address: pool, abi, functionName: 'slot0' }]);
    const bitmaps = await read(words.map((w) => ({ address: pool, abi, functionName: 'tickBitmap', args: [w] })));
    const ticks = [];
    words.forEach((w, k) => { for (let bit = 0; bit < 256; bit++) if ((bitmaps[k] >> BigInt(bit)) & 1n) ticks.push((w * 256 + bit) * 60); });
    const data = await read(ticks.map((t) => ({ address: pool, abi, functionName: 'ticks', args: [t] })));
    return data.map((d) => d[1]);
  }
  async function ethersRead() {
    const provider = new JsonRpcProvider(evm.url, undefined, { staticNetwork: true, batchMaxCount: 1000 });
    const c = new Contract(pool, ABI, provider);
    const blockTag = Number(block);
    await c.slot0({ blockTag });
    const bitmaps = await Promise.all(words.map((w) => c.tickBitmap(w, { blockTag })));
    const ticks = [];
    words.forEach((w, k) => { for (let bit = 0; bit < 256; bit++) if ((bitmaps[k] >> BigInt(bit)) & 1n) ticks.push((w * 256 + bit) * 60); });
    const data = await Promise.all(ticks.map((t) => c.ticks(t, { blockTag })));
    provider.destroy();
    return data.map((d) => d[1]);
  }
  const runs = { 'viem, Multicall3': () => viemRead(true), 'viem, JSON-RPC batches': () => viemRead(false), 'ethers v6, JSON-RPC batches': ethersRead };
  const results = {};
  let reference = null;
  for (const [name, fn] of Object.entries(runs)) {
    const first = await fn();
    reference = reference || first;
    if (first.join() !== reference.join()) throw new Error(`${name} read different ticks`);
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
    times.sort((x, y) => x - y);
    results[name] = times[2];
  }
  console.log(`${reference.length} initialized ticks in ${words.length} bitmap words, median of 5 reads at one block:`);
  for (const [name, ms] of Object.entries(results)) console.log(`  ${name.padEnd(28)} ${ms.toFixed(1)} ms`);

  // What each library adds to a browser bundle (esbuild, minified, gzip -9).
  const bundle = async (contents) => {
    const r = await build({ stdin: { contents, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true,
      format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
    return gzipSync(r.outputFiles[0].contents, { level: 9 }).length;
  };
  const sizes = {
    '@ballast/checker/chain (viem actions)': await bundle(`export * from '${new URL('../../wasm/src/chain.mjs', import.meta.url).pathname}';`),
    'viem createPublicClient (all actions)': await bundle("export { createPublicClient, http, custom, parseAbi } from 'viem';"),
    'ethers v6 JsonRpcProvider, Contract': await bundle("export { JsonRpcProvider, BrowserProvider, Contract } from 'ethers';"),
  };
  console.log('browser bundle, gzipped:');
  for (const [name, n] of Object.entries(sizes)) console.log(`  ${name.padEnd(40)} ${(n / 1024).toFixed(1)} KB`);
} finally {
  evm.stop();
}
