'use strict';

/**
 * The one error type of the package. It is thrown only on misuse (wrong argument types, calling
 * before load, an unknown schema kind, a failed load); bad documents never throw: they give a
 * report whose verdict is "error".
 */
class BallastError extends Error {
  /**
   * @param {string} code stable machine-readable code
   * @param {string} message one-line explanation
   * @param {{cause?: unknown}} [options]
   */
  constructor(code, message, options) {
    super(message, options);
    this.name = 'BallastError';
    this.code = code;
  }
}

module.exports = { BallastError };
