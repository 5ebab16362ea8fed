#!/usr/bin/env node
// The `ballast` command of the npm package: the native CLI's own source (cli/main.cpp) compiled to
// WebAssembly over Node's file system, so its output, formats and exit codes are the native CLI's.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const createBallastCli = require('../dist/ballast_cli.cjs');

await createBallastCli({
  arguments: process.argv.slice(2),
  // Given as bytes: this Emscripten would otherwise fetch() a file path, which Node rejects.
  wasmBinary: readFileSync(new URL('../dist/ballast_cli.wasm', import.meta.url)),
  // The environment of the process (NO_COLOR, GITHUB_STEP_SUMMARY), which Emscripten does not pass
  // on. Emscripten's isatty() says yes for every standard stream, so colour is turned off here when
  // standard output is not a terminal, as the native CLI does.
  preRun: [(module) => Object.assign(module.ENV, process.env, process.stdout.isTTY ? {} : { NO_COLOR: '1' })],
});
