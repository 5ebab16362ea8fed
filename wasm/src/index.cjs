'use strict';
// CommonJS entry: the same API, backed by the ES module (loaded on the first load()).
const { BallastError } = require('./errors.cjs');

let esm = null;
let api = null;

function load(options) {
  if (!esm) esm = import('./index.mjs');
  return esm.then((m) => m.load(options)).then((loaded) => (api = loaded));
}

let planModule = null;

function loadPlanner(options) {
  if (!esm) esm = import('./index.mjs');
  return esm.then((m) => m.loadPlanner(options)).then(() => esm).then((m) => (planModule = m));
}

function loaded() {
  if (!api) throw new BallastError('not_loaded', 'call and await load() first');
  return api;
}

module.exports = {
  BallastError,
  load,
  check: (input) => loaded().check(input),
  checkJson: (text) => loaded().checkJson(text),
  importCalls: (calls, treasury, options) => loaded().importCalls(calls, treasury, options),
  exportCalls: (input, options) => loaded().exportCalls(input, options),
  loadPlanner,
  plan: (input, options) => {
    if (!planModule) throw new BallastError('not_loaded', 'call and await loadPlanner() first');
    return planModule.plan(input, options);
  },
  validate: (document) => loaded().validate(document),
  status: (input) => loaded().status(input),
  prepare: (input) => loaded().prepare(input),
  diff: (oldPolicy, newPolicy, treasury) => loaded().diff(oldPolicy, newPolicy, treasury),
  schema: (kind) => loaded().schema(kind),
  version: () => loaded().version(),
  documentKinds: () => loaded().documentKinds(),
};
