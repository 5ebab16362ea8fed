// Numbers as a person reads them, exactly: token amounts from base units (BigInt, never floating
// point), money to the cent, basis points or percentages. The rules are the CLI's text report's
// (core/src/report/text_report.cpp): four decimals at most, "≈" when that rounds, digits grouped.

/** Groups the integer digits of a decimal string: "3000788.5" -> "3,000,788.5". */
export function grouped(s) {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const dot = body.indexOf('.');
  const int = dot < 0 ? body : body.slice(0, dot);
  const out = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + out + (dot < 0 ? '' : body.slice(dot));
}

// num / 10^shift rounded half-to-even to `places` decimals, as a fixed-point string.
function toFixed(num, shift, places) {
  const neg = num < 0n;
  let n = neg ? -num : num;
  let q;
  if (shift >= places) {
    const div = 10n ** BigInt(shift - places);
    q = n / div;
    const r = n % div;
    if (r * 2n > div || (r * 2n === div && q % 2n === 1n)) q += 1n;
  } else {
    q = n * 10n ** BigInt(places - shift);
  }
  let s = q.toString().padStart(places + 1, '0');
  if (places > 0) s = `${s.slice(0, -places)}.${s.slice(-places)}`;
  return (neg && q !== 0n ? '-' : '') + s;
}

/** A base-unit amount in token units: {text: "≈45.3929", exact: false}. */
export function units(baseUnits, decimals) {
  const v = BigInt(baseUnits);
  const exact = decimals <= 4 || (v * 10000n) % 10n ** BigInt(decimals) === 0n;
  let s = toFixed(v, decimals, 4);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return { text: (exact ? '' : '≈') + grouped(s), exact };
}

/** A value in the numeraire (a decimal string of the report) to the cent: "3,000,788.00". */
export function money(decimal) {
  const [int, frac = ''] = String(decimal).split('.');
  const neg = int.startsWith('-');
  const digits = BigInt((neg ? int.slice(1) : int) + frac.padEnd(frac.length, '0')) * (neg ? -1n : 1n);
  return grouped(toFixed(digits, frac.length, 2));
}

/**
 * A figure in bps as shown: a percentage from 10 % up ("104.29 %"), else bps ("31.06 bps").
 * `percent` forces the choice, so that figures compared with each other share a unit.
 */
export function bpsText(decimal, percent = usesPercent([decimal])) {
  const [int, frac = ''] = String(decimal).split('.');
  if (!percent) return `${decimal} bps`;
  const digits = BigInt(int.replace('-', '') + frac) * (int.startsWith('-') ? -1n : 1n);
  return `${toFixed(digits, frac.length + 2, 2)} %`;
}

/** Whether figures in bps read best as percentages: when any of them is 10 % or more. */
export function usesPercent(decimals) {
  return decimals.some((d) => d !== undefined && Math.abs(Number(String(d).split('.')[0])) >= 1000);
}
