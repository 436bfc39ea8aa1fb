/**
 * Medical record numbers: a configurable prefix, a zero-padded sequence number and a Luhn (mod 10) check
 * digit, so one mistyped or two transposed adjacent digits are caught at the desk before a lookup.
 */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  let double = true;
  for (let i = payload.length - 1; i >= 0; i--) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Formats an MRN from a sequence value.
 * @example formatMrn('CK', 42, 7) === 'CK00000426'
 */
export function formatMrn(prefix: string, sequence: number, width: number): string {
  const body = String(sequence).padStart(width, '0');
  return `${prefix}${body}${luhnCheckDigit(body)}`;
}

/** True when the digits after the prefix carry a valid check digit (other facilities' MRNs are not checked). */
export function isValidMrn(mrn: string, prefix: string): boolean {
  if (!mrn.startsWith(prefix)) return false;
  const rest = mrn.slice(prefix.length);
  if (!/^\d{2,}$/.test(rest)) return false;
  return luhnCheckDigit(rest.slice(0, -1)) === Number(rest.at(-1));
}
