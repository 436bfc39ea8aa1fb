import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMrn, isValidMrn, luhnCheckDigit } from './mrn.ts';

describe('MRN check digit', () => {
  it('computes the Luhn digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(formatMrn('CK', 42, 7)).toBe(`CK0000042${luhnCheckDigit('0000042')}`);
  });
  it('accepts every issued MRN and catches any single mistyped digit (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9_999_999 }),
        fc.nat(7),
        fc.integer({ min: 1, max: 9 }),
        (n, pos, delta) => {
          const mrn = formatMrn('CK', n, 7);
          expect(isValidMrn(mrn, 'CK')).toBe(true);
          const i = 2 + pos;
          const typo = `${mrn.slice(0, i)}${(Number(mrn[i]) + delta) % 10}${mrn.slice(i + 1)}`;
          expect(isValidMrn(typo, 'CK')).toBe(false);
        },
      ),
    );
  });
});
