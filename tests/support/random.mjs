// The tests' deterministic randomness, shared by the npm test packages under tests/ (no
// dependencies): mulberry32 floats in [0, 1), and amounts log-uniform in [1, max].

/** A small deterministic generator (mulberry32): floats in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An amount log-uniform in [1, max]: as many dust amounts as near-max ones. */
export function logUniform(random, max) {
  if (max < 1n) return 1n;
  const digits = max.toString().length;
  const d = 1 + Math.floor(random() * digits);
  let x = 0n;
  for (let i = 0; i < d; i++) x = x * 10n + BigInt(Math.floor(random() * 10));
  return x === 0n ? 1n : x > max ? max : x;
}
