// Writes fixtures.json: batches of wrapped calls encoded by ethers' ABI coder (Interface,
// solidityPacked), with the calls each one must unwrap to, as given to the encoder. Ballast's
// decoder is never run backwards to make them. `npm test` checks the committed file is what this
// script writes; tests/unit/calls_test.cpp reads it.
//
// usage: node generate.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { Interface, solidityPacked, ZeroAddress } from 'ethers';

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
  ],
};
const txBuilderExpected = [
  call(TOKEN, 0, transfer),
  call(TOKEN, 0, erc20.encodeFunctionData('approve', [EOA, 1000000n])),
  call(EOA, 0, kitchen.encodeFunctionData('kitchen', kitchenValues)),
  call(EOA, 1500000000000000000n, '0x'),
  call(EOA, 1, '0x'),
].map((c, i) => ({ ...c, origin: `/transactions/${i}` }));

const text = `${JSON.stringify({ generator: 'tests/calls/generate.mjs (ethers ABI coder)', cases,
  tx_builder: { file: txBuilder, account: ACCOUNT, chain_id: 1, expected: txBuilderExpected } }, null, 2)}\n`;
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
