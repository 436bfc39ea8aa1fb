import { AppError } from '../../kernel/errors.ts';
import type { DateRange } from '../../kernel/paging.ts';

export type { DateRange };

/**
 * FHIR search parameter parsing (http://hl7.org/fhir/R4/search.html), pure. Values arrive as the query
 * string gives them: a string, or an array when the parameter repeats (repeats AND together).
 */
export type RawQuery = Record<string, string | string[] | undefined>;

export interface Token {
  system?: string;
  code: string;
}

/** Result parameters common to every search. */
export interface Paging {
  count: number;
  offset: number;
  sort?: { param: string; desc: boolean };
  summaryCount: boolean;
  include: string[];
  revinclude: string[];
}

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;
/** Parameters every search understands besides its own (result parameters and formatting). */
export const RESULT_PARAMS = new Set([
  '_count',
  '_offset',
  '_sort',
  '_summary',
  '_include',
  '_revinclude',
  '_format',
  '_pretty',
  '_total',
]);

export const invalidSearch = (param: string, message: string) =>
  new AppError('INVALID_SEARCH', message, 400, { issues: [{ field: param, message }] });

export const values = (q: RawQuery, name: string): string[] => {
  const v = q[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
export const first = (q: RawQuery, name: string): string | undefined => values(q, name)[0];

/** Ends of a partial date: 2024 = the year, 2024-05 = the month, 2024-05-06 = the day (search.html#date). */
function bounds(value: string): { start: Date; end: Date } | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(T.*)?)?)?$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, time] = m;
  if (time) {
    const t = new Date(value);
    if (Number.isNaN(t.getTime())) return undefined;
    return { start: t, end: new Date(t.getTime() + 1000) };
  }
  const start = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
  if (Number.isNaN(start.getTime())) return undefined;
  const end = new Date(start);
  if (d) end.setUTCDate(end.getUTCDate() + 1);
  else if (mo) end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCFullYear(end.getUTCFullYear() + 1);
  return { start, end };
}

/**
 * A date parameter with its prefix (eq default, gt, ge, lt, le, sa, eb) as a half-open range.
 * @example parseDate('birthdate', 'ge2000') // { from: '2000-01-01T00:00:00.000Z' }
 */
export function parseDate(param: string, raw: string): DateRange {
  const m = /^(eq|gt|ge|lt|le|sa|eb)?(.+)$/.exec(raw.trim());
  const prefix = m?.[1] ?? 'eq';
  const b = m?.[2] ? bounds(m[2]) : undefined;
  if (!b)
    throw invalidSearch(
      param,
      `${param}: "${raw}" is not a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime)`,
    );
  const s = b.start.toISOString();
  const e = b.end.toISOString();
  switch (prefix) {
    case 'gt':
    case 'sa':
      return { from: e };
    case 'ge':
      return { from: s };
    case 'lt':
    case 'eb':
      return { to: s };
    case 'le':
      return { to: e };
    default:
      return { from: s, to: e };
  }
}

/** Every repeat of a date parameter, intersected (repeats AND together). */
export function dateRange(q: RawQuery, param: string): DateRange | undefined {
  const list = values(q, param);
  if (list.length === 0) return undefined;
  const out: DateRange = {};
  for (const v of list) {
    const r = parseDate(param, v);
    if (r.from && (!out.from || r.from > out.from)) out.from = r.from;
    if (r.to && (!out.to || r.to < out.to)) out.to = r.to;
  }
  return out;
}

/** `system|code`, `|code` or `code` (search.html#token); comma-separated values OR together. */
export function parseTokens(raw: string): Token[] {
  return raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => {
      const bar = v.indexOf('|');
      if (bar < 0) return { code: v };
      const system = v.slice(0, bar);
      return system ? { system, code: v.slice(bar + 1) } : { code: v.slice(bar + 1) };
    });
}

/** A reference parameter value: `Patient/<id>`, `<id>` or an absolute URL ending in Patient/<id>. */
export function referenceId(param: string, raw: string, type: string): string {
  const m =
    new RegExp(`(?:^|/)${type}/([A-Za-z0-9\\-.]{1,64})$`).exec(raw.trim()) ??
    /^([A-Za-z0-9\-.]{1,64})$/.exec(raw.trim());
  if (!m?.[1]) throw invalidSearch(param, `${param}: "${raw}" is not a reference to a ${type}`);
  return m[1];
}

/** A quantity parameter `[prefix]number[|system|code]` (search.html#quantity); units are not converted. */
export function parseQuantity(
  param: string,
  raw: string,
): { op: '=' | '>' | '>=' | '<' | '<='; value: number } {
  const m = /^(eq|gt|ge|lt|le)?(-?\d+(?:\.\d+)?)(\|.*)?$/.exec(raw.trim());
  if (!m)
    throw invalidSearch(
      param,
      `${param}: "${raw}" is not a quantity such as gt5.4 or 5.4|http://unitsofmeasure.org|mg`,
    );
  const ops = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;
  return { op: ops[(m[1] ?? 'eq') as keyof typeof ops], value: Number(m[2]) };
}

/**
 * _count (capped at 100), _offset, _sort (one date parameter, `-` for descending), _summary=count,
 * _include and _revinclude.
 * @param sortable - the date parameters this type sorts on
 */
export function parsePaging(q: RawQuery, sortable: readonly string[]): Paging {
  const countRaw = first(q, '_count');
  const count = countRaw === undefined ? DEFAULT_COUNT : Number(countRaw);
  if (!Number.isInteger(count) || count < 0)
    throw invalidSearch('_count', '_count must be a whole number of results per page (0 to 100)');
  const offset = Number(first(q, '_offset') ?? 0);
  if (!Number.isInteger(offset) || offset < 0)
    throw invalidSearch('_offset', '_offset must be a whole number ≥ 0');
  const sortRaw = first(q, '_sort');
  let sort: Paging['sort'];
  if (sortRaw) {
    const desc = sortRaw.startsWith('-');
    const param = desc ? sortRaw.slice(1) : sortRaw;
    if (!sortable.includes(param))
      throw invalidSearch(
        '_sort',
        `_sort supports ${sortable.map((s) => `${s}, -${s}`).join(', ') || 'nothing here'}`,
      );
    sort = { param, desc };
  }
  const summary = first(q, '_summary');
  if (summary && summary !== 'count' && summary !== 'false')
    throw invalidSearch('_summary', '_summary supports count (and false)');
  return {
    count: Math.min(count, MAX_COUNT),
    offset,
    sort,
    summaryCount: summary === 'count',
    include: values(q, '_include'),
    revinclude: values(q, '_revinclude'),
  };
}

/** Parameters the server does not know, so the self link can leave them out (search.html#errors). */
export function unknownParams(q: RawQuery, known: readonly string[]): string[] {
  return Object.keys(q).filter((k) => !RESULT_PARAMS.has(k) && !known.includes(k.split(':')[0] ?? k));
}
