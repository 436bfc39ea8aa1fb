import { doubleMetaphone } from 'double-metaphone';

/**
 * Jaro similarity (Jaro 1989, as used in the US Census Bureau record-linkage work): matching characters
 * within half the longer length, then transpositions. 1 for equal strings, 0 for nothing in common.
 */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 1 : 1;
  if (a.length === 0 || b.length === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatch = new Array<boolean>(a.length).fill(false);
  const bMatch = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const lo = Math.max(0, i - range);
    const hi = Math.min(i + range + 1, b.length);
    for (let j = lo; j < hi; j++) {
      if (bMatch[j] || a[i] !== b[j]) continue;
      aMatch[i] = true;
      bMatch[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let transpositions = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatch[i]) continue;
    while (!bMatch[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  return (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
}

/**
 * Jaro–Winkler (Winkler 1990): boosts strings that share a prefix (up to 4 characters, scale 0.1),
 * because clerks' typing errors are rarer at the start of a name.
 */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/** Upper-case letters only, accents removed: what names are compared on. */
export function normalizeName(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/** The primary Double Metaphone code of a name (the blocking key stored in the index). */
export function phoneticKey(name: string | null | undefined): string {
  const n = normalizeName(name);
  return n ? doubleMetaphone(n)[0] : '';
}

/** True when the names share either Double Metaphone code. */
export function soundsAlike(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (!x || !y) return false;
  const [x1, x2] = doubleMetaphone(x);
  const [y1, y2] = doubleMetaphone(y);
  return x1 === y1 || x1 === y2 || x2 === y1 || x2 === y2;
}

/** Digits only (phones, SSNs, postal codes). */
export const digits = (s: string | null | undefined): string => (s ?? '').replace(/\D/g, '');

export type DateAgreement = 'exact' | 'swapped' | 'transposed' | 'one-digit' | 'year-only' | 'none';

/**
 * Compares two YYYY-MM-DD dates of birth. Partial agreements are the usual registration slips: day and
 * month swapped (US vs European order), two adjacent digits transposed, one digit mistyped.
 */
export function compareDates(a: string, b: string): DateAgreement {
  if (a === b) return 'exact';
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  if (ya === yb && ma === db && da === mb) return 'swapped';
  const x = a.replace(/-/g, '');
  const y = b.replace(/-/g, '');
  if (x.length !== y.length) return 'none';
  const diff: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff.push(i);
  if (diff.length === 1) return 'one-digit';
  if (diff.length === 2) {
    const [i, j] = diff as [number, number];
    if (j === i + 1 && x[i] === y[j] && x[j] === y[i]) return 'transposed';
  }
  if (ya === yb && diff.length <= 4) return 'year-only';
  return 'none';
}

/**
 * Dates a clerk may have typed instead of this one: day and month swapped, two adjacent digits
 * transposed. Only real calendar dates are returned (used to widen the birth-date block).
 */
export function dateVariants(d: string): string[] {
  const out = new Set<string>();
  const [y, m, day] = d.split('-');
  if (!y || !m || !day) return [];
  out.add(`${y}-${day}-${m}`);
  const x = `${y}${m}${day}`;
  for (let i = 0; i + 1 < x.length; i++) {
    const t = `${x.slice(0, i)}${x[i + 1]}${x[i]}${x.slice(i + 2)}`;
    out.add(`${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`);
  }
  out.delete(d);
  return [...out].filter((v) => {
    const dt = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(dt.getTime()) && dt.toISOString().slice(0, 10) === v;
  });
}
