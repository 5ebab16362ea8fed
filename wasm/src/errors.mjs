// BallastError for the ES module entry. The class is registered under a global symbol so that
// the ES module and CommonJS entries (errors.cjs) share one class whichever loads first, and
// `instanceof` holds across them.
const key = Symbol.for('@ballast/checker.BallastError');

/**
 * The one error type of the package. It is thrown only on misuse (wrong argument types, calling
 * before load, an unknown schema kind, a failed load); bad documents never throw: they give a
 * report whose verdict is "error".
 */
class BallastError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'BallastError';
    /** Stable machine-readable code. */
    this.code = code;
  }
}

const Shared = globalThis[key] || (globalThis[key] = BallastError);
export { Shared as BallastError };
