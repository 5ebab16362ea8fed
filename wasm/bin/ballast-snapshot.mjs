#!/usr/bin/env node
// ballast-snapshot --rpc URL --config CONFIG [--block N]: prints the treasury/1 that CONFIG (a
// snapshot-config/1) describes, read from the chain at block N (default: the latest). The document
// is checked by the core before it is printed. Exit 0 with the document, 2 for a bad command line
// or config, 3 when the chain cannot give a complete snapshot (RPC failure, no such block, a
// contract that is not what the config says, a stale or non-positive price, too many ticks).
import { readFileSync } from 'node:fs';
import { snapshot } from '../src/chain.mjs';
import { load } from '../src/index.mjs';

const USAGE = 'usage: ballast-snapshot --rpc URL --config CONFIG [--block N] [--timeout-ms MS] [--retries N]';

function usage(message) {
  process.stderr.write(`ballast-snapshot: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {};
  const names = { '--rpc': 'rpc', '--config': 'config', '--block': 'block', '--timeout-ms': 'timeoutMs', '--retries': 'retries' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--help' || argv[i] === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const name = names[argv[i]];
    if (!name) usage(`unknown argument ${JSON.stringify(argv[i])}`);
    if (i + 1 >= argv.length) usage(`${argv[i]} needs a value`);
    opts[name] = argv[++i];
  }
  if (!opts.rpc) usage('--rpc is required');
  if (!opts.config) usage('--config is required');
  for (const k of ['block', 'timeoutMs', 'retries']) {
    if (opts[k] === undefined) continue;
    if (!/^(0|[1-9][0-9]{0,15})$/.test(opts[k])) usage(`${k === 'block' ? '--block' : k === 'retries' ? '--retries' : '--timeout-ms'} takes a non-negative integer, got ${JSON.stringify(opts[k])}`);
    opts[k] = Number(opts[k]);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
let config;
try {
  config = readFileSync(opts.config, 'utf8');
} catch (e) {
  usage(`cannot read ${opts.config}: ${e.message}`);
}
try {
  const treasury = await snapshot({ ...opts, config });
  const ballast = await load();
  const result = ballast.validate(treasury);
  if (!result.valid) {
    const first = result.errors[0];
    throw Object.assign(new Error(`the snapshot is not a valid treasury/1: ${first.path} ${first.message}`), { code: 'invalid_snapshot' });
  }
  process.stdout.write(`${JSON.stringify(treasury, null, 2)}\n`);
} catch (e) {
  process.stderr.write(`ballast-snapshot: ${e.code ? `${e.code}: ` : ''}${e.message}\n`);
  process.exit(e.code === 'invalid_config' ? 2 : 3);
}
