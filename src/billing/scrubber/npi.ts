/**
 * NPI check digit (CMS "Requirements for NPI Check Digit"): 10 digits starting with 1 or 2, the last one a
 * Luhn mod-10 check digit computed as if the number were prefixed with 80840 (the prefix adds 24).
 */
export function isValidNpi(npi: string): boolean {
  if (!/^[12]\d{9}$/.test(npi)) return false;
  let sum = 24;
  for (let i = 0; i < 9; i++) {
    let d = npi.charCodeAt(8 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === npi.charCodeAt(9) - 48;
}

/** Healthcare provider taxonomy code (NUCC): 10 characters, letters and digits, ending in X. */
export const isTaxonomy = (t: string | null | undefined): boolean => !!t && /^[0-9A-Z]{9}X$/.test(t);
