// Writes the endowment's example batches as Safe Transaction Builder files (examples/endowment/
// batch-*.json), encoded with ethers from the routers' and tokens' published interfaces, and
// checks that the files on disk are what it writes (`node examples.mjs --check`).
import { Interface } from 'ethers';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../examples/endowment/', import.meta.url));
const SAFE = '0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe';
const WETH = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2';
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48';
const ROUTER02 = '0x68b3465833fb72A70ecDF485E0e4C7bD8665Fc45';
const V2_ROUTER = '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D';
const PAYEE = '0xFe89cc7aBB2C4183683ab71653C4cdc9B02D44b7';
const ATTACKER = '0x2222222222222222222222222222222222222222';
const DEADLINE = 1795392000n;  // 2026-11-23T00:00:00Z

const erc20 = new Interface(['function approve(address spender, uint256 amount)', 'function transfer(address to, uint256 amount)']);
const router02 = new Interface([
  'function exactInputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 amountIn, uint256 amountOutMinimum, uint160 sqrtPriceLimitX96) params)',
  'function multicall(uint256 deadline, bytes[] data)']);
const v2 = new Interface(['function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)']);

const tx = (to, data) => ({ to, value: '0', data, contractMethod: null, contractInputsValues: null });
const file = (name, transactions) => ({
  version: '1.0', chainId: '1', createdAt: 1795305600000,
  meta: { name, description: '', txBuilderVersion: '1.18.3', createdFromSafeAddress: SAFE, createdFromOwnerAddress: '' },
  transactions,
});

const amountIn = 100n * 10n ** 18n;
const swap02 = router02.encodeFunctionData('exactInputSingle', [[WETH, USDC, 500, SAFE, amountIn, 309000n * 10n ** 6n, 0n]]);
const batches = {
  'batch-compliant.json': file('EP-6.47 tranche on Uniswap v3', [
    tx(WETH, erc20.encodeFunctionData('approve', [ROUTER02, amountIn])),
    tx(ROUTER02, router02.encodeFunctionData('multicall', [DEADLINE, [swap02]])),
    tx(USDC, erc20.encodeFunctionData('transfer', [PAYEE, 137000n * 10n ** 6n])),
  ]),
  'batch-violating.json': file('EP-6.48 as submitted', [
    tx(WETH, erc20.encodeFunctionData('approve', [V2_ROUTER, 2n ** 256n - 1n])),
    tx(V2_ROUTER, v2.encodeFunctionData('swapExactTokensForTokens', [3000n * 10n ** 18n, 0n, [WETH, USDC], ATTACKER, DEADLINE])),
  ]),
};

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, doc] of Object.entries(batches)) {
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (!check) writeFileSync(DIR + name, text);
  else if (readFileSync(DIR + name, 'utf8') !== text) {
    console.error(`${name} differs from what tests/calls/examples.mjs writes`);
    stale++;
  }
}
process.exit(stale ? 1 : 0);
