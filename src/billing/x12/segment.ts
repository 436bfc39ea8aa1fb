import { AppError } from '../../kernel/errors.ts';

/**
 * A generic X12 segment model (005010): a segment is an id and its elements; an element is a simple value,
 * a composite (its components) or a repetition (several values or composites). Writers build segments,
 * never strings; `serialize` applies the separators and `parseX12` reads them back from the ISA.
 */
export type X12Simple = string;
export interface X12Composite {
  components: string[];
}
export interface X12Repetition {
  repeats: (X12Simple | X12Composite)[];
}
export type X12Element = X12Simple | X12Composite | X12Repetition;

export interface X12Segment {
  id: string;
  elements: X12Element[];
}

export interface X12Separators {
  element: string;
  component: string;
  repetition: string;
  segment: string;
}

export const DEFAULT_SEPARATORS: X12Separators = {
  element: '*',
  component: ':',
  repetition: '^',
  segment: '~',
};

/** A segment from its id and elements (`undefined`/`null` elements are written empty). */
export const seg = (id: string, ...elements: (X12Element | number | null | undefined)[]): X12Segment => ({
  id,
  elements: elements.map((e) => (e === null || e === undefined ? '' : typeof e === 'number' ? String(e) : e)),
});

/** A composite element (e.g. SV101 `HC:99213:25`); trailing empty components are dropped when written. */
export const comp = (...components: (string | number | null | undefined)[]): X12Composite => ({
  components: components.map((c) => (c === null || c === undefined ? '' : String(c))),
});

export const isComposite = (e: X12Element): e is X12Composite => typeof e === 'object' && 'components' in e;
export const isRepetition = (e: X12Element): e is X12Repetition => typeof e === 'object' && 'repeats' in e;

export const x12Errors = {
  delimiterInData: (segment: string, position: number, value: string) =>
    new AppError(
      'X12_DELIMITER_IN_DATA',
      `${segment}${String(position).padStart(2, '0')} holds a separator character (${JSON.stringify(value)}); clean the data before writing.`,
      422,
      { segment, position },
    ),
  malformed: (message: string, details?: Record<string, unknown>) =>
    new AppError('X12_MALFORMED', message, 400, details),
};

const trimEnd = (xs: string[]) => {
  let n = xs.length;
  while (n > 0 && xs[n - 1] === '') n--;
  return xs.slice(0, n);
};

function checkValue(v: string, sep: X12Separators, segment: string, position: number) {
  for (const ch of [sep.element, sep.component, sep.repetition, sep.segment])
    if (v.includes(ch)) throw x12Errors.delimiterInData(segment, position, v);
}

/** One segment as text, without the terminator. ISA is written as is (its fixed widths are the caller's). */
export function segmentText(s: X12Segment, sep: X12Separators = DEFAULT_SEPARATORS): string {
  const simple = (v: X12Simple | X12Composite, pos: number) => {
    if (typeof v === 'string') {
      if (s.id !== 'ISA') checkValue(v, sep, s.id, pos);
      return v;
    }
    for (const c of v.components) checkValue(c, sep, s.id, pos);
    return trimEnd(v.components).join(sep.component);
  };
  const parts = s.elements.map((e, i) =>
    isRepetition(e) ? e.repeats.map((r) => simple(r, i + 1)).join(sep.repetition) : simple(e, i + 1),
  );
  return [s.id, ...(s.id === 'ISA' ? parts : trimEnd(parts))].join(sep.element);
}

/** Segments as an X12 document; `newline` puts each segment on its own line (ignored by readers). */
export function serialize(
  segments: X12Segment[],
  sep: X12Separators = DEFAULT_SEPARATORS,
  opts: { newline?: boolean } = {},
): string {
  const end = sep.segment + (opts.newline === false ? '' : '\n');
  return segments.map((s) => segmentText(s, sep) + end).join('');
}

/** The separators an interchange declares in its ISA (element: char 4, repetition: ISA11, component: ISA16, segment: char 106). */
export function separatorsOf(text: string): X12Separators {
  const start = text.indexOf('ISA');
  if (start < 0 || text.length < start + 106)
    throw x12Errors.malformed('The file does not start with an ISA segment of 106 characters.', {
      segment: 'ISA',
    });
  const isa = text.slice(start, start + 106);
  const element = isa[3] as string;
  const fields = isa.split(element);
  if (fields.length < 17)
    throw x12Errors.malformed('The ISA segment has fewer than 16 elements.', { segment: 'ISA' });
  return {
    element,
    repetition: (fields[11] ?? '^').slice(0, 1),
    component: isa[104] as string,
    segment: isa[105] as string,
  };
}

/**
 * Reads an X12 document into segments (separators taken from its ISA; line breaks between segments
 * ignored). Composites come back as `X12Composite` where a component separator occurs, repetitions as
 * `X12Repetition` where the repetition separator occurs (ISA itself is read as simple values).
 */
export function parseX12(text: string): { separators: X12Separators; segments: X12Segment[] } {
  const sep = separatorsOf(text);
  const body = text.slice(text.indexOf('ISA'));
  const raw = body.split(sep.segment).map((s) => s.replace(/^\s+/, '').replace(/[\r\n]+$/, ''));
  const segments: X12Segment[] = [];
  for (const r of raw) {
    if (r === '') continue;
    const [id = '', ...els] = r.split(sep.element);
    if (!/^[A-Z0-9]{2,3}$/.test(id))
      throw x12Errors.malformed(
        `Segment ${segments.length + 1} has no valid segment id (${JSON.stringify(id.slice(0, 10))}).`,
        {
          segment: id,
          position: segments.length + 1,
        },
      );
    const one = (v: string): X12Simple | X12Composite =>
      v.includes(sep.component) ? { components: v.split(sep.component) } : v;
    segments.push({
      id,
      elements:
        id === 'ISA'
          ? els
          : els.map((v) =>
              v.includes(sep.repetition) ? { repeats: v.split(sep.repetition).map(one) } : one(v),
            ),
    });
  }
  return { separators: sep, segments };
}

/** The text of element n (1-based) of a segment; a composite's component m (1-based) when given. */
export function elementValue(s: X12Segment, n: number, m?: number): string {
  const e = s.elements[n - 1];
  if (e === undefined) return '';
  if (typeof e === 'string') return m === undefined || m === 1 ? e : '';
  const first = isRepetition(e) ? e.repeats[0] : e;
  if (first === undefined) return '';
  if (typeof first === 'string') return m === undefined || m === 1 ? first : '';
  return first.components[(m ?? 1) - 1] ?? '';
}
