// The page's number formatting (units.mjs) against figures the CLI prints for the same amounts
// (its text report: core/src/report/text_report.cpp), and the rounding rule at its edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { units, money, bpsText, grouped } from '../units.mjs';

test('token units: four decimals at most, ≈ when rounded, digits grouped', () => {
  // From `ballast check` of the endowment violating example (text format).
  assert.deepEqual(units('45392884311719330751', 18), { text: '≈45.3929', exact: false });
  assert.deepEqual(units('32257576731613621044', 18), { text: '≈32.2576', exact: false });
  assert.deepEqual(units('640000000000000000000', 18), { text: '640', exact: true });
  assert.deepEqual(units('3000000000000000000000', 18), { text: '3,000', exact: true });
  // Half-to-even at the fifth decimal; no decimals; zero.
  assert.equal(units('123455', 5).text, '≈1.2346');
  assert.equal(units('123445', 5).text, '≈1.2344');
  assert.equal(units('1234500', 6).text, '1.2345');
  assert.equal(units('1234567', 0).text, '1,234,567');
  assert.equal(units('0', 18).text, '0');
  assert.equal(units(10n ** 77n, 18).text, `${grouped(`1${'0'.repeat(59)}`)}`);
});

test('money to the cent, half-to-even; bps or percent', () => {
  assert.equal(money('3000787.997635'), '3,000,788.00');
  assert.equal(money('0.005'), '0.00');
  assert.equal(money('0.015'), '0.02');
  assert.equal(money('-1234.5'), '-1,234.50');
  assert.equal(bpsText('31.06'), '31.06 bps');
  assert.equal(bpsText('10429.24'), '104.29 %');
  assert.equal(bpsText('31.06', true), '0.31 %');
  assert.equal(bpsText('-1500.50'), '-15.00 %');  // -15.005 %: half to even
  assert.equal(bpsText('1500.51'), '15.01 %');
});
