import { AppError } from '../../kernel/errors.ts';

/**
 * A small X12 reader: the delimiters come from the ISA itself (X12 5010 §ISA — element separator is the
 * 4th character, the component separator is ISA16, the segment terminator the character after it), never
 * assumed. Whitespace and line breaks between segments are ignored, as receivers do.
 */
export interface Separators {
  element: string;
  component: string;
  repetition: string;
  segment: string;
}

/** One segment: `e[0]` is the segment id, `e[n]` the n-th element (X12 numbering); `at` is its 1-based position. */
export interface Segment {
  e: string[];
  at: number;
}

export const x12Error = (at: number | null, segment: string, message: string) =>
  new AppError(
    'REMIT_FILE_INVALID',
    at === null ? `${segment}: ${message}` : `segment ${at} (${segment}): ${message}`,
    422,
    { segment, position: at },
  );

/** Splits an interchange into segments using its own ISA delimiters. */
export function readSegments(text: string): { separators: Separators; segments: Segment[] } {
  const start = text.indexOf('ISA');
  if (
    start < 0 ||
    text
      .slice(0, start)
      .trim()
      .replace(/^\uFEFF/, '') !== ''
  )
    throw x12Error(null, 'ISA', 'the file does not start with an ISA interchange header');
  const element = text[start + 3] ?? '';
  if (!element || /[A-Za-z0-9 ]/.test(element)) throw x12Error(1, 'ISA', 'no element separator after "ISA"');
  // ISA16 is the 16th element; the segment terminator is the next character.
  let pos = start;
  for (let i = 0; i < 16; i++) {
    pos = text.indexOf(element, pos + 1);
    if (pos < 0) throw x12Error(1, 'ISA', 'the ISA has fewer than 16 elements');
  }
  const component = text[pos + 1] ?? '';
  const segment = text[pos + 2] ?? '';
  if (!component || !segment || component === element || segment === element || segment === component)
    throw x12Error(1, 'ISA', 'ISA16 and the segment terminator must be distinct delimiters');
  const isa = text.slice(start, pos + 2).split(element);
  const repetition = isa[11] && isa[12] && isa[12] >= '00501' ? isa[11] : '';
  const segments: Segment[] = [];
  let at = 0;
  for (const raw of text.slice(start).split(segment)) {
    const s = raw.trim();
    if (!s) continue;
    at += 1;
    segments.push({ e: s.split(element), at });
  }
  return { separators: { element, component, repetition, segment }, segments };
}

/** Element n of a segment ('' when absent). */
export const el = (s: Segment, n: number): string => s.e[n]?.trim() ?? '';

/** The components of a composite element. */
export const parts = (s: Segment, n: number, sep: Separators): string[] =>
  el(s, n) === '' ? [] : el(s, n).split(sep.component);

/** An X12 decimal (R) as integer cents; '' is 0. Throws naming the segment when it is not a number. */
export function cents(s: Segment, n: number): number {
  const v = el(s, n);
  if (v === '') return 0;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(v))
    throw x12Error(s.at, s.e[0] ?? '?', `element ${n} "${v}" is not an amount`);
  return Math.round(Number(v) * 100);
}

/** CCYYMMDD → YYYY-MM-DD (null when absent or malformed). */
export function x12Date(v: string): string | null {
  return /^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : null;
}
