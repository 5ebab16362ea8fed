// The contracts of the ground-truth tests, deployed in a local EVM from their published npm
// artifacts (Uniswap v2 and v3, WETH9, Safe), plus the tests' own test tokens (6, 8 and 18
// decimals), Chainlink-style aggregators and Multicall3's aggregate3 at its canonical address.
import { artifact } from './evm.mjs';
import { compileContracts } from './compile.mjs';
import { MULTICALL3 } from '../../wasm/src/chain.mjs';

export const A = {
  v2Factory: artifact('@uniswap/v2-core/build/UniswapV2Factory.json'),
  v2Pair: artifact('@uniswap/v2-core/build/UniswapV2Pair.json'),
  v2Router: artifact('@uniswap/v2-periphery/build/UniswapV2Router02.json'),
  weth: artifact('@uniswap/v2-periphery/build/WETH9.json'),
  v3Factory: artifact('@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json'),
  v3Pool: artifact('@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json'),
  positions: artifact('@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json'),
  swapRouter: artifact('@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json'),
  swapRouter02: artifact('@uniswap/swap-router-contracts/artifacts/contracts/SwapRouter02.sol/SwapRouter02.json'),
  universalRouter: artifact('@uniswap/universal-router/artifacts/contracts/UniversalRouter.sol/UniversalRouter.json'),
  safe: artifact('@safe-global/safe-contracts/build/artifacts/contracts/Safe.sol/Safe.json'),
  safeFactory: artifact('@safe-global/safe-contracts/build/artifacts/contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json'),
  multiSendCallOnly: artifact('@safe-global/safe-contracts/build/artifacts/contracts/libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json'),
  ...compileContracts(),
};

export const MAX = 2n ** 256n - 1n;
export const DEADLINE = 2n ** 40n;

export { rng, logUniform } from '../support/random.mjs';

/** Deploys a test token with `decimals` and mints `supply` base units to the deployer. */
export async function token(evm, symbol, decimals, supply) {
  const address = await evm.deploy(A.TestToken, [symbol, symbol, decimals]);
  await evm.send(address, A.TestToken.abi, 'mint', [evm.account.address, supply]);
  return address;
}

/** Multicall3's aggregate3 at its canonical address, as on every chain that has Multicall3. */
export async function installMulticall3(evm) {
  await evm.setCode(MULTICALL3, A.Aggregate3.deployedBytecode);
}

const ZERO = '0x0000000000000000000000000000000000000000';
/** The init-code hashes the routers compute pair and pool addresses with (v2-core's and v3-core's builds). */
const V2_PAIR_HASH = '0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f';
const V3_POOL_HASH = '0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54';

/**
 * Uniswap v2 (factory, Router02) and v3 (factory, position manager, SwapRouter), SwapRouter02 over
 * both, and the Universal Router (2.1.0 from npm; no Permit2, whose bytecode is not packaged: it
 * swaps what it holds, such as ETH it wraps), around one WETH9.
 */
export async function uniswap(evm) {
  const me = evm.account.address;
  const weth = await evm.deploy(A.weth);
  const v2Factory = await evm.deploy(A.v2Factory, [me]);
  const v2Router = await evm.deploy(A.v2Router, [v2Factory, weth]);
  const v3Factory = await evm.deploy(A.v3Factory);
  const positions = await evm.deploy(A.positions, [v3Factory, weth, '0x0000000000000000000000000000000000000000']);
  const swapRouter = await evm.deploy(A.swapRouter, [v3Factory, weth]);
  const swapRouter02 = await evm.deploy(A.swapRouter02, [v2Factory, v3Factory, positions, weth]);
  const universalRouter = await evm.deploy(A.universalRouter, [{ permit2: ZERO, weth9: weth, v2Factory, v3Factory,
    pairInitCodeHash: V2_PAIR_HASH, poolInitCodeHash: V3_POOL_HASH, v4PoolManager: ZERO, v3NFTPositionManager: positions,
    v4PositionManager: ZERO, spokePool: ZERO }]);
  return { weth, v2Factory, v2Router, v3Factory, positions, swapRouter, swapRouter02, universalRouter };
}

/** The two tokens in the pools' order (token0 < token1 by address). */
export const sorted = (a, b) => (BigInt(a) < BigInt(b) ? [a, b] : [b, a]);

/**
 * A v3 pool of `tokenA`/`tokenB` with `fee`, initialised at `sqrtPriceX96` (of the sorted pair);
 * returns its address.
 */
export async function v3Pool(evm, u, tokenA, tokenB, fee, sqrtPriceX96) {
  const [t0, t1] = sorted(tokenA, tokenB);
  for (const t of [t0, t1]) {
    await evm.send(t, A.TestToken.abi, 'approve', [u.positions, MAX]);
    await evm.send(t, A.TestToken.abi, 'approve', [u.swapRouter, MAX]);
  }
  await evm.send(u.positions, A.positions.abi, 'createAndInitializePoolIfNecessary', [t0, t1, fee, sqrtPriceX96]);
  return evm.read(u.v3Factory, A.v3Factory.abi, 'getPool', [t0, t1, fee]);
}

/**
 * Mints a position of the deployer in pool (t0, t1, fee) over [lower, upper) with up to the
 * desired amounts; returns the liquidity the position manager recorded for it (0 if nothing
 * was minted).
 */
export async function mintPosition(evm, u, t0, t1, fee, lower, upper, amount0, amount1) {
  const params = { token0: t0, token1: t1, fee, tickLower: lower, tickUpper: upper, amount0Desired: amount0,
    amount1Desired: amount1, amount0Min: 0n, amount1Min: 0n, recipient: evm.account.address, deadline: DEADLINE };
  try {
    const [[tokenId]] = await evm.call(u.positions, A.positions.abi, 'mint', [params]);
    const pos = await evm.read(u.positions, A.positions.abi, 'positions', [tokenId]);
    return pos[7];
  } catch {
    return 0n;  // a range whose amounts round to zero liquidity
  }
}

/**
 * A Safe 1.4.1 proxy owned by the deployer alone (threshold 1), and MultiSendCallOnly; `exec`
 * runs a batch of {to, value, data} through the Safe as one delegatecall to MultiSendCallOnly,
 * signed by the owner sending the transaction (a "pre-validated" signature).
 */
export async function safe(evm) {
  const me = evm.account.address;
  const singleton = await evm.deploy(A.safe);
  const factory = await evm.deploy(A.safeFactory);
  const multiSend = await evm.deploy(A.multiSendCallOnly);
  const { encodeFunctionData, encodePacked, concatHex, padHex, size } = await import('viem');
  const setup = encodeFunctionData({ abi: A.safe.abi, functionName: 'setup',
    args: [[me], 1n, '0x0000000000000000000000000000000000000000', '0x', '0x0000000000000000000000000000000000000000',
      '0x0000000000000000000000000000000000000000', 0n, '0x0000000000000000000000000000000000000000'] });
  const [address] = await evm.call(factory, A.safeFactory.abi, 'createProxyWithNonce', [singleton, setup, 0n]);
  const signature = concatHex([padHex(me, { size: 32 }), padHex('0x0', { size: 32 }), '0x01']);
  /** The MultiSend encoding of the calls (operation 0, to, value, data length, data). */
  const pack = (calls) => concatHex(calls.map((c) => encodePacked(['uint8', 'address', 'uint256', 'uint256', 'bytes'],
    [0, c.to, BigInt(c.value), BigInt(size(c.data)), c.data])));
  async function exec(calls) {
    const data = encodeFunctionData({ abi: A.multiSendCallOnly.abi, functionName: 'multiSend', args: [pack(calls)] });
    const zero = '0x0000000000000000000000000000000000000000';
    const [ok, receipt] = await evm.call(address, A.safe.abi, 'execTransaction',
      [multiSend, 0n, data, 1, 0n, 0n, 0n, zero, zero, signature]);
    return { ok, receipt };
  }
  return { address, multiSend, exec };
}
