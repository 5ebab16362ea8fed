// A local EVM for the tests: anvil from its npm package, on 127.0.0.1 at a free port, with viem
// clients and a deployer that takes the contracts' published npm artifacts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';

const require = createRequire(import.meta.url);

/** Anvil's first default account (a well-known test key with 10,000 ETH on a fresh node). */
const KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts anvil (hardfork prague: older ones cap a transaction's gas below what the deployments
 * need) and waits until it answers. `stop()` ends it and deletes what it wrote; so does the
 * process's exit.
 *
 * Anvil writes the states of older blocks to disk, under $HOME/.foundry/anvil/tmp (hundreds of MB
 * for a thousand swaps, several GB for the long runs), and deletes them only on a clean shutdown:
 * each node gets a home of its own in the system's temporary folder, removed by stop().
 */
export async function startEvm() {
  const port = await freePort();
  const bin = require.resolve('@foundry-rs/anvil-linux-amd64/bin/anvil');
  const home = mkdtempSync(join(tmpdir(), 'ballast-anvil-'));
  const node = spawn(bin, ['--host', '127.0.0.1', '--port', String(port), '--hardfork', 'prague', '--silent'],
    { stdio: 'ignore', env: { ...process.env, HOME: home } });
  const removeHome = () => rmSync(home, { recursive: true, force: true });
  node.once('exit', removeHome);  // again once it is gone, in case it wrote after stop() removed it
  const stop = () => {
    if (node.exitCode === null && node.signalCode === null) node.kill('SIGKILL');
    removeHome();
  };
  process.once('exit', stop);
  const url = `http://127.0.0.1:${port}`;
  const chain = { ...foundry, rpcUrls: { default: { http: [url] } } };
  const account = privateKeyToAccount(KEY);
  const pub = createPublicClient({ chain, transport: http(url), pollingInterval: 10 });
  const wallet = createWalletClient({ account, chain, transport: http(url), pollingInterval: 10 });
  for (let i = 0; ; i++) {
    try {
      await pub.getBlockNumber();
      break;
    } catch (e) {
      if (i > 100 || node.exitCode !== null) {
        stop();
        throw new Error(`anvil did not start: ${e.message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  // Receipts polled here: viem's waitForTransactionReceipt watches for new blocks, and anvil mines a
  // transaction at once and then no block more, so the watcher can miss it.
  async function receiptOf(hash) {
    for (let i = 0; i < 3000; i++) {
      try {
        return await pub.getTransactionReceipt({ hash });
      } catch {
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    throw new Error(`transaction ${hash} was not mined`);
  }
  // Nonces counted here: one sender, one transaction at a time, each mined before the next.
  let nonce = await pub.getTransactionCount({ address: account.address });
  /** Deploys an artifact ({abi, bytecode}) with constructor arguments; returns its address. */
  async function deploy(artifact, args = []) {
    const bytecode = `0x${String(artifact.bytecode).replace(/^0x/, '')}`;
    const hash = await wallet.deployContract({ abi: artifact.abi, bytecode, args, nonce: nonce++ });
    const receipt = await receiptOf(hash);
    if (receipt.status !== 'success') throw new Error('deployment reverted');
    return receipt.contractAddress;
  }
  /** Sends a transaction and waits for it; returns its receipt (reverts throw). */
  async function send(address, abi, functionName, args = [], value = 0n) {
    // A fixed gas limit: an estimate made in the second of the previous block misses the pair's
    // price-accumulator writes that a later block's timestamp triggers, and runs out of gas.
    const hash = await wallet.writeContract({ address, abi, functionName, args, value, gas: 15_000_000n, nonce: nonce++ });
    const receipt = await receiptOf(hash);
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted (gas used ${receipt.gasUsed})`);
    return receipt;
  }
  const read = (address, abi, functionName, args = []) => pub.readContract({ address, abi, functionName, args });
  /** The result a transaction would return, then the transaction itself: [result, receipt]. */
  async function call(address, abi, functionName, args = [], value = 0n) {
    const { result } = await pub.simulateContract({ account, address, abi, functionName, args, value });
    return [result, await send(address, abi, functionName, args, value)];
  }
  /** Sends ETH to an address. */
  async function pay(to, value) {
    const receipt = await receiptOf(await wallet.sendTransaction({ to, value, gas: 100_000n, nonce: nonce++ }));
    if (receipt.status !== 'success') throw new Error(`paying ${to} reverted`);
    return receipt;
  }
  /** Places runtime code at an address (anvil_setCode). */
  const setCode = (address, code) => pub.request({ method: 'anvil_setCode', params: [address, code] });
  /** Moves the next block's time forward by `seconds` and mines it. */
  async function advance(seconds) {
    await pub.request({ method: 'evm_increaseTime', params: [seconds] });
    await pub.request({ method: 'evm_mine', params: [] });
  }
  return { pub, wallet, account, deploy, send, call, pay, read, setCode, advance, stop, url };
}

/** The published artifact of a contract from an npm package ("@uniswap/v2-core/build/UniswapV2Pair.json"). */
export const artifact = (name) => require(name);
