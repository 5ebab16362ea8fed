// Writes fixtures.json: batches of wrapped calls encoded by ethers' ABI coder (Interface,
// solidityPacked), with the calls each one must unwrap to, as given to the encoder. Ballast's
// decoder is never run backwards to make them. `npm test` checks the committed file is what this
// script writes; tests/unit/calls_test.cpp reads it.
//
// usage: node generate.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { AbiCoder, Interface, solidityPacked, TypedDataEncoder, ZeroAddress, keccak256, toUtf8Bytes } from 'ethers';

const erc20 = new Interface(['function transfer(address to, uint256 amount)', 'function approve(address spender, uint256 amount)']);
const multiSend = new Interface(['function multiSend(bytes transactions)']);
const safe = new Interface(['function execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures)']);
const governor = new Interface(['function propose(address[] targets, uint256[] values, bytes[] calldatas, string description)']);
const bravo = new Interface(['function propose(address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, string description)']);

const ACCOUNT = '0xdf8a1ce35c9a6ace153b4e0767942f1e2291a1aa';           // the Safe
const TOKEN = '0x67b5656d60a809915323bf2c40a8bef15a152e3e';             // safe-core-sdk's test token
const RECIPIENT = '0xffcf8fdee72ac11b5c542428b35eef5769c409f0';
const EOA = '0x1111111111111111111111111111111111111111';
const MULTISEND_130 = '0xa238cbeb142c10ef7ad8442c6d1f9e89e07e7761';
const MULTISEND_150 = '0x218543288004cd07832472d464648173c77d7eb7';
const CALL_ONLY_141 = '0x9641d764fc13c8b624c04430c7356c1c7c8102e2';
const GOVERNOR = '0x408ed6354d4973f66138c91495f2f2fcbd8724c3';
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48';
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2';
const DAI = '0x6b175474e89094c44da98b954eedeac495271d0f';

const call = (to, value, data, operation = 0) => ({ to, value: String(value), data, operation });
const packed = (entries) => solidityPacked(entries.flatMap(() => ['uint8', 'address', 'uint256', 'uint256', 'bytes']),
  entries.flatMap((e) => [e.operation, e.to, e.value, (e.data.length - 2) / 2, e.data]));
const multiSendData = (entries) => multiSend.encodeFunctionData('multiSend', [packed(entries)]);
const exec = (inner) => safe.encodeFunctionData('execTransaction',
  [inner.to, inner.value, inner.data, inner.operation, 0, 0, 0, ZeroAddress, ZeroAddress, `0x${'00'.repeat(65)}`]);

const transfer = erc20.encodeFunctionData('transfer', [RECIPIENT, 500000000000000000n]);
const approve = erc20.encodeFunctionData('approve', [EOA, 2n ** 256n - 1n]);

const cases = [];
const add = (name, calls, expected, note) => cases.push({ name, note, account: ACCOUNT, calls, expected });

// safe-core-sdk createTransactionBatch.test.ts: two transfers of 0.5e18 through MultiSendCallOnly.
const twoTransfers = [call(TOKEN, 0, transfer), call(TOKEN, 0, transfer)];
add('multisend-two-transfers', [call(CALL_ONLY_141, 0, multiSendData(twoTransfers), 1)],
  twoTransfers.map((c, j) => ({ ...c, origin: `/calls/0/multisend/${j}` })),
  'the research vector: 0x8d80ff0a, offset 0x20, length 0x132, two entries of 85 + 68 bytes');

// A Safe transaction delegatecalling MultiSend v1.3.0: a transfer, a plain value transfer, an approve.
const mixed = [call(TOKEN, 0, transfer), call(EOA, 10n ** 18n, '0x'), call(TOKEN, 0, approve)];
add('exec-multisend', [call(ACCOUNT, 0, exec(call(MULTISEND_130, 0, multiSendData(mixed), 1)))],
  mixed.map((c, j) => ({ ...c, origin: `/calls/0/exec/multisend/${j}` })));

// to = 0 is the Safe itself on MultiSend v1.5.0, and the zero address before.
const selfCall = [call(ZeroAddress, 0, '0x')];
add('multisend-150-zero-is-self', [call(MULTISEND_150, 0, multiSendData(selfCall), 1)],
  [{ ...selfCall[0], to: ACCOUNT, origin: '/calls/0/multisend/0' }]);
add('multisend-130-zero-is-zero', [call(MULTISEND_130, 0, multiSendData(selfCall), 1)],
  [{ ...selfCall[0], origin: '/calls/0/multisend/0' }]);

// An OpenZeppelin Governor proposal as the only call: its calls execute from the timelock.
add('governor-propose', [call(GOVERNOR, 0, governor.encodeFunctionData('propose',
  [[TOKEN, TOKEN], [0, 0], [transfer, approve], 'Pay and approve']))],
[call(TOKEN, 0, transfer), call(TOKEN, 0, approve)].map((c, i) => ({ ...c, origin: `/calls/0/propose/${i}` })));

// GovernorBravo: a non-empty signature's selector is prepended to its calldata, as the timelock does.
const args = `0x${transfer.slice(10)}`;
add('bravo-propose', [call(GOVERNOR, 0, bravo.encodeFunctionData('propose',
  [[TOKEN, TOKEN], [0, 7], ['transfer(address,uint256)', ''], [args, approve], 'Bravo']))],
[call(TOKEN, 0, transfer), call(TOKEN, 7, approve)].map((c, i) => ({ ...c, origin: `/calls/0/propose/${i}` })));

// Nested Safe transactions 20 deep: beyond the nesting limit.
let deep = call(TOKEN, 0, transfer);
for (let i = 0; i < 20; i++) deep = call(ACCOUNT, 0, exec(deep));
add('exec-nested-20', [deep], 'limit.too_large');

// A MultiSend entry whose data length runs past the end of the packed transactions.
const whole = packed([call(TOKEN, 0, transfer)]);
const lying = `${whole.slice(0, 2 + 2 * 53)}${(1000).toString(16).padStart(64, '0')}${whole.slice(2 + 2 * 85)}`;
add('multisend-length-past-end', [call(CALL_ONLY_141, 0, multiSend.encodeFunctionData('multiSend', [lying]), 1)],
  'calldata.malformed');

// A Safe Transaction Builder file: data given, methods with their values as the app stores them
// (strings; arrays as "[a, b]" or JSON arrays of strings), a plain value transfer, a receive.
const kitchen = new Interface(['function kitchen(bool flag, uint8 small, int256 signed, bytes blob, string note, bytes32 tag, address[] owners, uint256[] amounts)']);
const kitchenValues = [true, 255, -42n, '0xdeadbeef', 'grants, wave 7 — "Q4"', `0x${'ab'.repeat(32)}`,
  [RECIPIENT, EOA], [1n, 10n ** 18n, 2n ** 256n - 1n]];
const txBuilder = {
  version: '1.0', chainId: '1', createdAt: 1764500000000,
  meta: { name: 'Q4 tranche', description: '', txBuilderVersion: '1.18.3', createdFromSafeAddress: '0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa', createdFromOwnerAddress: '' },
  transactions: [
    { to: TOKEN, value: '0', data: transfer, contractMethod: null, contractInputsValues: null },
    { to: TOKEN, value: '0', data: null,
      contractMethod: { inputs: [{ internalType: 'address', name: 'spender', type: 'address' }, { internalType: 'uint256', name: 'amount', type: 'uint256' }], name: 'approve', payable: false },
      contractInputsValues: { spender: EOA, amount: ' "1000000" ' } },
    { to: EOA, value: '0', data: null,
      contractMethod: { inputs: [['bool', 'flag'], ['uint8', 'small'], ['int256', 'signed'], ['bytes', 'blob'], ['string', 'note'], ['bytes32', 'tag'], ['address[]', 'owners'], ['uint256[]', 'amounts']]
        .map(([type, name]) => ({ internalType: type, name, type })), name: 'kitchen', payable: false },
      contractInputsValues: { flag: 'True', small: '255', signed: '-42', blob: '0xdeadbeef', note: kitchenValues[4], tag: kitchenValues[5],
        owners: JSON.stringify([RECIPIENT, EOA]), amounts: `[1, 1000000000000000000, ${2n ** 256n - 1n}]` } },
    { to: EOA, value: '1500000000000000000', data: null, contractMethod: null, contractInputsValues: null },
    { to: EOA, value: '1', data: null, contractMethod: { inputs: [], name: 'receive', payable: true }, contractInputsValues: null },
    { to: EOA, value: '0', data: null,
      contractMethod: { name: 'submit', payable: false, inputs: [
        { internalType: 'struct Order', name: 'order', type: 'tuple', components: [
          { internalType: 'address', name: 'token', type: 'address' }, { internalType: 'uint256', name: 'amount', type: 'uint256' },
          { internalType: 'struct Extra', name: 'extra', type: 'tuple', components: [
            { internalType: 'bool', name: 'flag', type: 'bool' }, { internalType: 'bytes', name: 'data', type: 'bytes' }] }] },
        { internalType: 'struct Leg[]', name: 'legs', type: 'tuple[]', components: [
          { internalType: 'address', name: 'to', type: 'address' }, { internalType: 'uint256', name: 'value', type: 'uint256' }] },
        { internalType: 'struct Pair', name: 'pair', type: 'tuple', components: [
          { internalType: 'uint8', name: 'a', type: 'uint8' }, { internalType: 'address', name: 'b', type: 'address' }] }] },
      // Tuples as the app stores them: JSON text, by position or by component name.
      contractInputsValues: { order: JSON.stringify([USDC, '123', [true, '0xabcd']]), legs: JSON.stringify([[EOA, '1'], { to: RECIPIENT, value: 2 }]),
        pair: JSON.stringify({ b: EOA, a: '7' }) } },
  ],
};
const submit = new Interface(['function submit((address token, uint256 amount, (bool flag, bytes data) extra) order, (address to, uint256 value)[] legs, (uint8 a, address b) pair)']);
const txBuilderExpected = [
  call(TOKEN, 0, transfer),
  call(TOKEN, 0, erc20.encodeFunctionData('approve', [EOA, 1000000n])),
  call(EOA, 0, kitchen.encodeFunctionData('kitchen', kitchenValues)),
  call(EOA, 1500000000000000000n, '0x'),
  call(EOA, 1, '0x'),
  call(EOA, 0, submit.encodeFunctionData('submit', [[USDC, 123n, [true, '0xabcd']], [[EOA, 1n], [RECIPIENT, 2n]], [7, EOA]])),
].map((c, i) => ({ ...c, origin: `/transactions/${i}` }));

// Uniswap router calls, encoded from the routers' interfaces, with the swaps they must decode to.
const v2 = new Interface([
  'function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function swapTokensForExactTokens(uint256 amountOut, uint256 amountInMax, address[] path, address to, uint256 deadline)',
  'function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function swapTokensForExactETH(uint256 amountOut, uint256 amountInMax, address[] path, address to, uint256 deadline)',
  'function swapExactTokensForETH(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
  'function swapETHForExactTokens(uint256 amountOut, address[] path, address to, uint256 deadline)',
]);
const r1 = new Interface([
  'function exactInputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 deadline, uint256 amountIn, uint256 amountOutMinimum, uint160 sqrtPriceLimitX96))',
  'function exactOutput((bytes path, address recipient, uint256 deadline, uint256 amountOut, uint256 amountInMaximum))',
  'function multicall(bytes[] data)',
  'function unwrapWETH9(uint256 amountMinimum, address recipient)',
]);
const r2 = new Interface([
  'function exactInputSingle((address tokenIn, address tokenOut, uint24 fee, address recipient, uint256 amountIn, uint256 amountOutMinimum, uint160 sqrtPriceLimitX96))',
  'function exactInput((bytes path, address recipient, uint256 amountIn, uint256 amountOutMinimum))',
  'function exactOutput((bytes path, address recipient, uint256 amountOut, uint256 amountInMaximum))',
  'function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to)',
  'function multicall(uint256 deadline, bytes[] data)',
  'function unwrapWETH9(uint256 amountMinimum)',
  'function unwrapWETH9(uint256 amountMinimum, address recipient)',
  'function sweepToken(address token, uint256 amountMinimum)',
  'function wrapETH(uint256 value)',
]);
const A = (n) => `0x${n.toString(16).padStart(40, '0')}`;
const V2_ROUTER = '0x7a250d5630b4cf539739df2c5dacb4c659f2488d';
const SWAP_ROUTER = '0xe592427a0aece92de3edee1f18e0157c05861564';
const SWAP_ROUTER_02 = '0x68b3465833fb72a70ecdf485e0e4c7bd8665fc45';
const v3path = (...xs) => solidityPacked(xs.map((x) => (typeof x === 'number' ? 'uint24' : 'address')), xs);
const swap = (o) => ({ fees: [], exact_in: true, router_balance: false, sells_native: false, buys_native: false, ...o,
  amount: String(o.amount), bound: String(o.bound), deadline: o.deadline === null ? null : String(o.deadline) });
const routers = [];
const route = (name, kind, router, value, data, expected) => routers.push({ name, kind, router, value: String(value), data, expected });

// Uniswap/sdks v3-sdk swapRouter.test.ts: exactInputSingle 0x414bf389.
route('swaprouter-exactInputSingle-sdk-vector', 'swap_router', SWAP_ROUTER, 0,
  r1.encodeFunctionData('exactInputSingle', [[A(1), A(2), 3000, A(3), 123, 100, 97, 0]]),
  [swap({ path: [A(1), A(2)], fees: [3000], amount: 100, bound: 97, recipient: A(3), deadline: 123 })]);
// Uniswap/sdks router-sdk swapRouter.test.ts: multicall(123, [V2 swapExactTokensForTokens, exactInputSingle]).
route('swaprouter02-multicall-sdk-vector', 'swap_router_02', SWAP_ROUTER_02, 0,
  r2.encodeFunctionData('multicall', [123, [r2.encodeFunctionData('swapExactTokensForTokens', [100, 98, [A(1), A(2)], A(3)]),
    r2.encodeFunctionData('exactInputSingle', [[A(1), A(2), 3000, A(3), 100, 97, 0]])]]),
  [swap({ path: [A(1), A(2)], amount: 100, bound: 98, recipient: A(3), deadline: 123 }),
    swap({ path: [A(1), A(2)], fees: [3000], amount: 100, bound: 97, recipient: A(3), deadline: 123 })]);
const D = 1764547200;
route('v2-exact-tokens-for-tokens', 'v2_router', V2_ROUTER, 0,
  v2.encodeFunctionData('swapExactTokensForTokens', [5000n * 10n ** 6n, 15n * 10n ** 17n, [USDC, WETH], ACCOUNT, D]),
  [swap({ path: [USDC, WETH], amount: 5000n * 10n ** 6n, bound: 15n * 10n ** 17n, recipient: ACCOUNT, deadline: D })]);
route('v2-tokens-for-exact-tokens', 'v2_router', V2_ROUTER, 0,
  v2.encodeFunctionData('swapTokensForExactTokens', [10n ** 18n, 3200n * 10n ** 6n, [USDC, WETH], ACCOUNT, D]),
  [swap({ path: [USDC, WETH], exact_in: false, amount: 10n ** 18n, bound: 3200n * 10n ** 6n, recipient: ACCOUNT, deadline: D })]);
route('v2-exact-eth-for-tokens', 'v2_router', V2_ROUTER, 2n * 10n ** 18n,
  v2.encodeFunctionData('swapExactETHForTokens', [6000n * 10n ** 6n, [WETH, USDC], ACCOUNT, D]),
  [swap({ path: [WETH, USDC], amount: 2n * 10n ** 18n, bound: 6000n * 10n ** 6n, recipient: ACCOUNT, deadline: D, sells_native: true })]);
route('v2-eth-for-exact-tokens', 'v2_router', V2_ROUTER, 3n * 10n ** 18n,
  v2.encodeFunctionData('swapETHForExactTokens', [6000n * 10n ** 6n, [WETH, USDC], EOA, D]),
  [swap({ path: [WETH, USDC], exact_in: false, amount: 6000n * 10n ** 6n, bound: 3n * 10n ** 18n, recipient: EOA, deadline: D, sells_native: true })]);
route('v2-tokens-for-exact-eth', 'v2_router', V2_ROUTER, 0,
  v2.encodeFunctionData('swapTokensForExactETH', [10n ** 18n, 3300n * 10n ** 6n, [USDC, WETH], ACCOUNT, D]),
  [swap({ path: [USDC, WETH], exact_in: false, amount: 10n ** 18n, bound: 3300n * 10n ** 6n, recipient: ACCOUNT, deadline: D, buys_native: true })]);
route('v2-exact-tokens-for-eth', 'v2_router', V2_ROUTER, 0,
  v2.encodeFunctionData('swapExactTokensForETH', [3100n * 10n ** 6n, 9n * 10n ** 17n, [USDC, DAI, WETH], ACCOUNT, D]),
  [swap({ path: [USDC, DAI, WETH], amount: 3100n * 10n ** 6n, bound: 9n * 10n ** 17n, recipient: ACCOUNT, deadline: D, buys_native: true })]);
route('swaprouter02-exactInput-two-hops-to-caller', 'swap_router_02', SWAP_ROUTER_02, 0,
  r2.encodeFunctionData('exactInput', [[v3path(USDC, 500, WETH, 3000, DAI), A(1), 10n ** 10n, 99n * 10n ** 20n]]),
  [swap({ path: [USDC, WETH, DAI], fees: [500, 3000], amount: 10n ** 10n, bound: 99n * 10n ** 20n, recipient: ACCOUNT, deadline: null })]);
route('swaprouter02-exactOutput-reversed-path', 'swap_router_02', SWAP_ROUTER_02, 0,
  r2.encodeFunctionData('exactOutput', [[v3path(DAI, 3000, WETH, 500, USDC), ACCOUNT, 10n ** 22n, 101n * 10n ** 8n]]),
  [swap({ path: [USDC, WETH, DAI], fees: [500, 3000], exact_in: false, amount: 10n ** 22n, bound: 101n * 10n ** 8n, recipient: ACCOUNT, deadline: null })]);
// The real minimum and recipient are in the unwrap that follows a swap paid to the router.
route('swaprouter02-swap-to-router-then-unwrap', 'swap_router_02', SWAP_ROUTER_02, 0,
  r2.encodeFunctionData('multicall', [D, [r2.encodeFunctionData('exactInputSingle', [[USDC, WETH, 500, A(2), 3100n * 10n ** 6n, 0, 0]]),
    r2.encodeFunctionData('unwrapWETH9(uint256,address)', [99n * 10n ** 16n, EOA])]]),
  [swap({ path: [USDC, WETH], fees: [500], amount: 3100n * 10n ** 6n, bound: 99n * 10n ** 16n, recipient: EOA, deadline: D, buys_native: true })]);
route('swaprouter02-swap-to-router-then-sweep-to-caller', 'swap_router_02', SWAP_ROUTER_02, 0,
  r2.encodeFunctionData('multicall', [D, [r2.encodeFunctionData('exactInputSingle', [[WETH, USDC, 500, A(2), 10n ** 18n, 0, 0]]),
    r2.encodeFunctionData('sweepToken', [USDC, 3000n * 10n ** 6n])]]),
  [swap({ path: [WETH, USDC], fees: [500], amount: 10n ** 18n, bound: 3000n * 10n ** 6n, recipient: ACCOUNT, deadline: D })]);
route('swaprouter-exactOutput-with-deadline', 'swap_router', SWAP_ROUTER, 0,
  r1.encodeFunctionData('exactOutput', [[v3path(WETH, 500, USDC), ACCOUNT, D, 10n ** 18n, 3200n * 10n ** 6n]]),
  [swap({ path: [USDC, WETH], fees: [500], exact_in: false, amount: 10n ** 18n, bound: 3200n * 10n ** 6n, recipient: ACCOUNT, deadline: D })]);
// A step Ballast does not read (wrapETH) makes the multicall a call it cannot interpret.
route('swaprouter02-multicall-with-unknown-step', 'swap_router_02', SWAP_ROUTER_02, 0,
  r2.encodeFunctionData('multicall', [D, [r2.encodeFunctionData('wrapETH', [1]),
    r2.encodeFunctionData('exactInputSingle', [[WETH, USDC, 500, ACCOUNT, 1, 0, 0]])]]), null);

// CoW Protocol order UIDs: the EIP-712 digest by ethers' TypedDataEncoder under the GPv2 domain,
// packed with the owner and validTo as GPv2Order.packOrderUidParams does.
const SETTLEMENT = '0x9008d19f58aabd9ed0d60971565aa8510560ab41';
const ORDER_TYPES = { Order: [
  { name: 'sellToken', type: 'address' }, { name: 'buyToken', type: 'address' }, { name: 'receiver', type: 'address' },
  { name: 'sellAmount', type: 'uint256' }, { name: 'buyAmount', type: 'uint256' }, { name: 'validTo', type: 'uint32' },
  { name: 'appData', type: 'bytes32' }, { name: 'feeAmount', type: 'uint256' }, { name: 'kind', type: 'string' },
  { name: 'partiallyFillable', type: 'bool' }, { name: 'sellTokenBalance', type: 'string' }, { name: 'buyTokenBalance', type: 'string' }] };
const cowDomain = (chainId) => ({ name: 'Gnosis Protocol', version: 'v2', chainId, verifyingContract: SETTLEMENT });
const cowOrders = [
  { sellToken: WETH, buyToken: USDC, receiver: ZeroAddress, sellAmount: 1500n * 10n ** 18n, buyAmount: 4671000n * 10n ** 6n,
    validTo: 1764550800, appData: `0x${'00'.repeat(32)}`, feeAmount: 0n, kind: 'sell', partiallyFillable: false,
    sellTokenBalance: 'erc20', buyTokenBalance: 'erc20' },
  { sellToken: USDC, buyToken: WETH, receiver: EOA, sellAmount: 3200n * 10n ** 6n, buyAmount: 10n ** 18n,
    validTo: 4294967295, appData: keccak256(toUtf8Bytes('{"appCode":"ballast"}')), feeAmount: 12345n, kind: 'buy',
    partiallyFillable: true, sellTokenBalance: 'external', buyTokenBalance: 'internal' },
].map((order) => ({
  order: Object.fromEntries(Object.entries(order).map(([k, v]) => [k, typeof v === 'bigint' ? String(v) : v])),
  chain_id: 1,
  owner: ACCOUNT,
  uid: solidityPacked(['bytes32', 'address', 'uint32'], [TypedDataEncoder.hash(cowDomain(1), ORDER_TYPES, order), ACCOUNT, order.validTo]),
}));
const cow = { domain_separator_1: TypedDataEncoder.hashDomain(cowDomain(1)), domain_separator_100: TypedDataEncoder.hashDomain(cowDomain(100)), orders: cowOrders };

// ERC-20 / WETH9 calls, Curve exchanges of each template, CoW pre-signatures.
const token = new Interface(['function transfer(address,uint256)', 'function transferFrom(address,address,uint256)',
  'function approve(address,uint256)', 'function deposit()', 'function withdraw(uint256)']);
const tokenCalls = [
  { name: 'transfer', value: 0, data: token.encodeFunctionData('transfer', [EOA, 40000n * 10n ** 6n]), expected: { kind: 'transfer', from: '', to: EOA, amount: String(40000n * 10n ** 6n) } },
  { name: 'transferFrom', value: 0, data: token.encodeFunctionData('transferFrom', [ACCOUNT, EOA, 7n]), expected: { kind: 'transferFrom', from: ACCOUNT, to: EOA, amount: '7' } },
  { name: 'approve-unlimited', value: 0, data: token.encodeFunctionData('approve', [SETTLEMENT, 2n ** 256n - 1n]), expected: { kind: 'approve', from: '', to: SETTLEMENT, amount: String(2n ** 256n - 1n) } },
  { name: 'deposit', value: String(5n * 10n ** 18n), data: token.encodeFunctionData('deposit', []), expected: { kind: 'deposit', from: '', to: '', amount: String(5n * 10n ** 18n) } },
  { name: 'withdraw', value: 0, data: token.encodeFunctionData('withdraw', [3n * 10n ** 18n]), expected: { kind: 'withdraw', from: '', to: '', amount: String(3n * 10n ** 18n) } },
];
const curve = new Interface([
  'function exchange(int128 i, int128 j, uint256 dx, uint256 min_dy)',
  'function exchange_underlying(int128 i, int128 j, uint256 dx, uint256 min_dy)',
  'function exchange(int128 i, int128 j, uint256 dx, uint256 min_dy, address receiver)',
  'function exchange(uint256 i, uint256 j, uint256 dx, uint256 min_dy)',
  'function exchange(uint256 i, uint256 j, uint256 dx, uint256 min_dy, address receiver)',
  'function exchange(uint256 i, uint256 j, uint256 dx, uint256 min_dy, bool use_eth)',
  'function exchange(uint256 i, uint256 j, uint256 dx, uint256 min_dy, bool use_eth, address receiver)',
]);
const cx = (o) => ({ receiver: null, use_eth: false, underlying: false, ...o, dx: String(o.dx), min_dy: String(o.min_dy) });
const curveCalls = [
  { template: 'plain', data: curve.encodeFunctionData('exchange(int128,int128,uint256,uint256)', [0, 1, 10n ** 24n, 995000n * 10n ** 6n]), expected: cx({ i: 0, j: 1, dx: 10n ** 24n, min_dy: 995000n * 10n ** 6n }) },
  { template: 'plain', data: curve.encodeFunctionData('exchange_underlying', [2, 0, 5, 4]), expected: cx({ i: 2, j: 0, dx: 5, min_dy: 4, underlying: true }) },
  { template: 'ng', data: curve.encodeFunctionData('exchange(int128,int128,uint256,uint256,address)', [1, 0, 100, 99, EOA]), expected: cx({ i: 1, j: 0, dx: 100, min_dy: 99, receiver: EOA }) },
  { template: 'crypto', data: curve.encodeFunctionData('exchange(uint256,uint256,uint256,uint256)', [0, 2, 10n ** 18n, 3000n * 10n ** 6n]), expected: cx({ i: 0, j: 2, dx: 10n ** 18n, min_dy: 3000n * 10n ** 6n }) },
  { template: 'crypto', data: curve.encodeFunctionData('exchange(uint256,uint256,uint256,uint256,address)', [2, 1, 8, 7, ACCOUNT]), expected: cx({ i: 2, j: 1, dx: 8, min_dy: 7, receiver: ACCOUNT }) },
  { template: 'crypto', data: curve.encodeFunctionData('exchange(uint256,uint256,uint256,uint256,bool)', [2, 1, 8, 7, true]), expected: cx({ i: 2, j: 1, dx: 8, min_dy: 7, use_eth: true }) },
  { template: 'crypto', data: curve.encodeFunctionData('exchange(uint256,uint256,uint256,uint256,bool,address)', [1, 2, 8, 7, false, EOA]), expected: cx({ i: 1, j: 2, dx: 8, min_dy: 7, receiver: EOA }) },
  // The same bytes on a pool of another template are not an exchange Ballast reads.
  { template: 'crypto', data: curve.encodeFunctionData('exchange(int128,int128,uint256,uint256)', [0, 1, 5, 4]), expected: null },
  { template: 'plain', data: curve.encodeFunctionData('exchange(int128,int128,uint256,uint256)', [-1, 1, 5, 4]), expected: 'calldata.malformed' },
];
const settlement = new Interface(['function setPreSignature(bytes orderUid, bool signed)']);
const presignatures = cowOrders.map((o) => ({ data: settlement.encodeFunctionData('setPreSignature', [o.uid, true]), uid: o.uid, signed: true }));
presignatures.push({ data: settlement.encodeFunctionData('setPreSignature', [`0x${'11'.repeat(55)}`, false]), uid: null, signed: false });

// Universal Router: the interop vectors of Uniswap/sdks universal-router-sdk test/forge/interop.json
// (commands and decoded inputs as the research note lists them), encoded here by ethers.
const ur = new Interface(['function execute(bytes commands, bytes[] inputs)', 'function execute(bytes commands, bytes[] inputs, uint256 deadline)']);
const enc = (types, values) => AbiCoder.defaultAbiCoder().encode(types, values);
const V3_IN = ['address', 'uint256', 'uint256', 'bytes', 'bool'];
const V2_SWAP = ['address', 'uint256', 'uint256', 'address[]', 'bool'];
const AAAA = `0x${'aa'.repeat(20)}`;
const BBBB = `0x${'bb'.repeat(20)}`;
const UR_V1_2 = '0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad';
const UR_V2_1 = '0x4c82d1fbfe28c977cbb58d8c7ff8fcf9f70a2cca';
const universal = [];
const uCase = (name, version, router, value, data, expected) => universal.push({ name, version, router, value: String(value), data, expected });
uCase('interop-v3-1000-usdc-for-eth', 'v1', UR_V1_2, 0, ur.encodeFunctionData('execute(bytes,bytes[])', ['0x000c', [
  enc(V3_IN, [A(2), 10n ** 9n, 0, v3path(USDC, 3000, WETH), true]), enc(['address', 'uint256'], [AAAA, 779188396345556027n])]]),
[swap({ path: [USDC, WETH], fees: [3000], amount: 10n ** 9n, bound: 779188396345556027n, recipient: AAAA, deadline: null, buys_native: true, origin: '/calls/0/commands/0', payments: [] })]);
uCase('interop-v2-usdc-for-1-eth', 'v1', UR_V1_2, 0, ur.encodeFunctionData('execute(bytes,bytes[])', ['0x090c', [
  enc(V2_SWAP, [A(2), 10n ** 18n, 1282037736n, [USDC, WETH], true]), enc(['address', 'uint256'], [AAAA, 10n ** 18n])]]),
[swap({ path: [USDC, WETH], exact_in: false, amount: 10n ** 18n, bound: 1282037736n, recipient: AAAA, deadline: null, buys_native: true, origin: '/calls/0/commands/0', payments: [] })]);
uCase('interop-v2-1-eth-for-usdc-with-fee', 'v1', UR_V1_2, 10n ** 18n, ur.encodeFunctionData('execute(bytes,bytes[])', ['0x0b080604', [
  enc(['address', 'uint256'], [A(2), 10n ** 18n]), enc(V2_SWAP, [A(2), 10n ** 18n, 0, [WETH, USDC], false]),
  enc(['address', 'address', 'uint256'], [USDC, BBBB, 500]), enc(['address', 'address', 'uint256'], [USDC, AAAA, 1103276246n])]]),
[swap({ path: [WETH, USDC], amount: 10n ** 18n, bound: 1103276246n, recipient: AAAA, deadline: null, sells_native: true, origin: '/calls/0/commands/1',
  payments: [{ recipient: BBBB, bips: '500', amount: '0' }] })]);
// 2.1.1: swap inputs end with minHopPriceX36; a deadline; the caller sentinel; the allow-revert flag.
uCase('v2-1-v3-exact-in-to-caller-with-deadline', 'v2.1', UR_V2_1, 0, ur.encodeFunctionData('execute(bytes,bytes[],uint256)', ['0x00', [
  enc([...V3_IN, 'uint256[]'], [A(1), 10n ** 18n, 3000n * 10n ** 6n, v3path(WETH, 500, USDC), true, []])], D]),
[swap({ path: [WETH, USDC], fees: [500], amount: 10n ** 18n, bound: 3000n * 10n ** 6n, recipient: ACCOUNT, deadline: D, origin: '/calls/0/commands/0', payments: [] })]);
uCase('v2-0-v4-swap-not-read', 'v2.0', UR_V2_1, 0, ur.encodeFunctionData('execute(bytes,bytes[])', ['0x10', [enc(['bytes'], ['0x'])]]), null);
uCase('length-mismatch', 'v1', UR_V1_2, 0, ur.encodeFunctionData('execute(bytes,bytes[])', ['0x000c', [enc(['address', 'uint256'], [AAAA, 1])]]), 'calldata.malformed');

// Import: one calls/1 document with a call of every kind Ballast reads (inside a MultiSendCallOnly),
// for a treasury that lists their tokens and pools, and the proposal/1 actions each call was
// encoded from, written here from the encoder's inputs.
const iso = (t) => new Date(Number(t) * 1000).toISOString().replace('.000Z', 'Z');
const DAI_USDC_POOL = '0xbebc44782c7db0a1a60cb6fe97d0b483032ff1c7';
const importTreasury = {
  ballast: 'treasury/1', as_of: '2025-11-30T00:00:00Z', numeraire: 'USD', account: ACCOUNT, chain_id: 1,
  assets: [
    { id: 'ETH', native: true, decimals: 18, balance: String(100n * 10n ** 18n), price: '3000' },
    { id: 'WETH', address: WETH, decimals: 18, balance: String(2000n * 10n ** 18n), price: '3000' },
    { id: 'USDC', address: USDC, decimals: 6, balance: String(10n ** 7n * 10n ** 6n), price: '1' },
    { id: 'DAI', address: DAI, decimals: 18, balance: String(10n ** 6n * 10n ** 18n), price: '1' },
  ],
  venues: [
    { id: 'v2-usdc-weth', kind: 'uniswap_v2', token0: 'USDC', token1: 'WETH', reserve0: String(3n * 10n ** 7n * 10n ** 6n), reserve1: String(10n ** 4n * 10n ** 18n) },
    { id: 'v3-usdc-weth-500', kind: 'uniswap_v3', token0: 'USDC', token1: 'WETH', fee_pips: 500, tick_spacing: 10,
      sqrt_price_x96: '1446501726624926496477173928175616', tick: 196256, liquidity: String(10n ** 22n), ticks: [], tick_window: [-887220, 887220] },
    { id: 'v3-weth-dai-3000', kind: 'uniswap_v3', token0: 'DAI', token1: 'WETH', fee_pips: 3000, tick_spacing: 60,
      sqrt_price_x96: '1446501726624926496477173928', tick: -80068, liquidity: String(10n ** 24n), ticks: [], tick_window: [-887220, 887220] },
    { id: 'curve-dai-usdc', kind: 'curve_stableswap', address: DAI_USDC_POOL, template: 'plain', coins: ['DAI', 'USDC'],
      balances: [String(10n ** 8n * 10n ** 18n), String(10n ** 8n * 10n ** 6n)], amp: 2000, fee: '1000000' },
    { id: 'cow', kind: 'limit_order' },
  ],
};
const UR_211 = '0x4c82d1fbfe28c977cbb58d8c7ff8fcf9f70a2cca';
const OTHER = '0x3333333333333333333333333333333333333333';
const SOLD = 2000n * 10n ** 6n;
const inner = [
  [call(USDC, 0, token.encodeFunctionData('transfer', [EOA, SOLD])),
    { type: 'transfer', asset: 'USDC', amount: String(SOLD), to: EOA }],
  [call(USDC, 0, token.encodeFunctionData('approve', [SWAP_ROUTER_02, SOLD])),
    { type: 'approve', asset: 'USDC', spender: SWAP_ROUTER_02, amount: String(SOLD) }],
  [call(WETH, 3n * 10n ** 18n, token.encodeFunctionData('deposit', [])), { type: 'wrap', amount: String(3n * 10n ** 18n) }],
  [call(WETH, 0, token.encodeFunctionData('withdraw', [10n ** 18n])), { type: 'unwrap', amount: String(10n ** 18n) }],
  [call(WETH, 5n * 10n ** 17n, '0x'), { type: 'wrap', amount: String(5n * 10n ** 17n) }],
  [call(EOA, 4n * 10n ** 18n, '0x'), { type: 'transfer', asset: 'ETH', amount: String(4n * 10n ** 18n), to: EOA }],
  [call(V2_ROUTER, 0, v2.encodeFunctionData('swapExactTokensForTokens', [SOLD, 6n * 10n ** 17n, [USDC, WETH], ACCOUNT, D])),
    { type: 'swap', venue: 'v2-usdc-weth', sell: 'USDC', buy: 'WETH', amount_in: String(SOLD), min_amount_out: String(6n * 10n ** 17n),
      recipient: ACCOUNT, deadline: iso(D), spender: V2_ROUTER }],
  [call(V2_ROUTER, 2n * 10n ** 18n, v2.encodeFunctionData('swapExactETHForTokens', [5900n * 10n ** 6n, [WETH, USDC], OTHER, D])),
    { type: 'swap', venue: 'v2-usdc-weth', sell: 'ETH', buy: 'USDC', amount_in: String(2n * 10n ** 18n), min_amount_out: String(5900n * 10n ** 6n),
      recipient: OTHER, deadline: iso(D) }],
  [call(SWAP_ROUTER_02, 0, r2.encodeFunctionData('multicall', [D, [r2.encodeFunctionData('exactInput', [[v3path(USDC, 500, WETH, 3000, DAI), A(1), SOLD, 1990n * 10n ** 18n]])]])),
    { type: 'swap', route: ['v3-usdc-weth-500', 'v3-weth-dai-3000'], via: ['WETH'], sell: 'USDC', buy: 'DAI', amount_in: String(SOLD),
      min_amount_out: String(1990n * 10n ** 18n), recipient: ACCOUNT, deadline: iso(D), spender: SWAP_ROUTER_02 }, '/multicall/0'],
  // Two swaps in one multicall, the second spending what the first left in the router (amountIn 0:
  // the router's balance): one route from USDC to DAI, the second swap's minimum and recipient.
  [call(SWAP_ROUTER_02, 0, r2.encodeFunctionData('multicall', [D, [
    r2.encodeFunctionData('exactInputSingle', [[USDC, WETH, 500, A(2), SOLD, 0, 0]]),
    r2.encodeFunctionData('exactInput', [[v3path(WETH, 3000, DAI), A(1), 0, 1985n * 10n ** 18n]])]])),
    { type: 'swap', route: ['v3-usdc-weth-500', 'v3-weth-dai-3000'], via: ['WETH'], sell: 'USDC', buy: 'DAI', amount_in: String(SOLD),
      min_amount_out: String(1985n * 10n ** 18n), recipient: ACCOUNT, deadline: iso(D), spender: SWAP_ROUTER_02 }, '/multicall/0'],
  [call(SWAP_ROUTER_02, 0, r2.encodeFunctionData('exactOutput', [[v3path(DAI, 3000, WETH), ACCOUNT, 10n ** 21n, 4n * 10n ** 17n]])),
    { type: 'swap', venue: 'v3-weth-dai-3000', sell: 'WETH', buy: 'DAI', amount_out: String(10n ** 21n), max_amount_in: String(4n * 10n ** 17n),
      recipient: ACCOUNT, spender: SWAP_ROUTER_02 }],
  [call(UR_211, 0, ur.encodeFunctionData('execute(bytes,bytes[],uint256)', ['0x00', [
    enc([...V3_IN, 'uint256[]'], [A(1), 10n ** 18n, 2900n * 10n ** 6n, v3path(WETH, 500, USDC), true, []])], D])),
    { type: 'swap', venue: 'v3-usdc-weth-500', sell: 'WETH', buy: 'USDC', amount_in: String(10n ** 18n), min_amount_out: String(2900n * 10n ** 6n),
      recipient: ACCOUNT, deadline: iso(D), spender: UR_211 }, '/commands/0'],
  [call(DAI_USDC_POOL, 0, curve.encodeFunctionData('exchange(int128,int128,uint256,uint256)', [0, 1, 10n ** 21n, 995n * 10n ** 6n])),
    { type: 'swap', venue: 'curve-dai-usdc', sell: 'DAI', buy: 'USDC', amount_in: String(10n ** 21n), min_amount_out: String(995n * 10n ** 6n),
      recipient: ACCOUNT, spender: DAI_USDC_POOL }],
  [call(SETTLEMENT, 0, settlement.encodeFunctionData('setPreSignature', [cowOrders[0].uid, true])),
    { type: 'swap', venue: 'cow', sell: 'WETH', buy: 'USDC', amount_in: cowOrders[0].order.sellAmount, min_amount_out: cowOrders[0].order.buyAmount,
      deadline: iso(cowOrders[0].order.validTo) }],
  [call(SETTLEMENT, 0, settlement.encodeFunctionData('setPreSignature', [`0x${'11'.repeat(32)}${ACCOUNT.slice(2)}ffffffff`, true])),
    { type: 'call', to: SETTLEMENT, value: '0', selector: '0xec6cb13f', unverifiable: `no order terms hash to UID 0x${'11'.repeat(32)}${ACCOUNT.slice(2)}ffffffff` }],
  [call(OTHER, 0, '0x12345678'), { type: 'call', to: OTHER, value: '0', selector: '0x12345678' }],
  [call(USDC, 0, token.encodeFunctionData('transferFrom', [EOA, ACCOUNT, 7n])),
    { type: 'call', to: USDC, value: '0', selector: '0x23b872dd' }],
];
const importCalls = {
  ballast: 'calls/1', chain_id: 1, from: ACCOUNT,
  calls: [call(CALL_ONLY_141, 0, multiSendData(inner.map(([c]) => c)), 1)],
  orders: [cowOrders[0].order],
};
const imports = {
  treasury: importTreasury,
  calls: importCalls,
  actions: inner.map(([, action, suffix], j) => ({ ...action, origin: `/calls/0/multisend/${j}${suffix || ''}` })),
};

const text = `${JSON.stringify({ generator: 'tests/calls/generate.mjs (ethers ABI coder)', cases,
  tx_builder: { file: txBuilder, account: ACCOUNT, chain_id: 1, expected: txBuilderExpected }, account: ACCOUNT, routers, cow, tokens: tokenCalls, curve: curveCalls, presignatures, universal, imports }, null, 2)}\n`;
const file = new URL('./fixtures.json', import.meta.url);
if (process.argv.includes('--check')) {
  if (readFileSync(file, 'utf8') !== text) {
    console.error('fixtures.json differs from what generate.mjs writes: run npm run generate');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log(`${cases.length} cases written to fixtures.json`);
}
