'use strict';
// BallastError for the CommonJS entry: the same global registration as errors.mjs, so both entries
// share one class (see errors.mjs for the class's contract).
const key = Symbol.for('@ballast/checker.BallastError');

class BallastError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'BallastError';
    this.code = code;
  }
}

module.exports = { BallastError: globalThis[key] || (globalThis[key] = BallastError) };
