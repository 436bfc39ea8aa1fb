import type { Bundle, BundleEntry, BundleLink, Extension, Resource } from '@medplum/fhirtypes';
import type { RawQuery } from './search-params.ts';

/** Query string of the parameters actually used (self/next links show them, R4 search.html#self). */
function queryString(q: RawQuery, over: Record<string, string | number>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || k in over) continue;
    for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  }
  for (const [k, v] of Object.entries(over)) p.append(k, String(v));
  return p.toString();
}

export interface SearchPage {
  base: string;
  /** Path after the base, e.g. `Patient`. */
  path: string;
  query: RawQuery;
  matches: Resource[];
  includes?: Resource[];
  total: number;
  count: number;
  offset: number;
  /** Warnings to return as an OperationOutcome entry with search.mode outcome. */
  warnings?: string[];
}

const entryOf = (base: string, r: Resource, mode: 'match' | 'include', score?: number): BundleEntry => ({
  fullUrl: `${base}/${r.resourceType}/${r.id}`,
  resource: r,
  search: { mode, ...(score !== undefined ? { score } : {}) },
});

/**
 * A searchset Bundle with total and self/first/previous/next links (R4 bundle.html, search.html#paging).
 * Paging is by offset; links carry `_offset` and `_count`.
 */
export function searchsetBundle(page: SearchPage): Bundle {
  const url = (offset: number) =>
    `${page.base}/${page.path}?${queryString(page.query, { _count: page.count, _offset: offset })}`;
  const link: BundleLink[] = [
    { relation: 'self', url: url(page.offset) },
    { relation: 'first', url: url(0) },
  ];
  if (page.offset > 0) link.push({ relation: 'previous', url: url(Math.max(0, page.offset - page.count)) });
  if (page.count > 0 && page.offset + page.count < page.total)
    link.push({ relation: 'next', url: url(page.offset + page.count) });
  const entry: BundleEntry[] = [
    ...page.matches.map((r) => entryOf(page.base, r, 'match')),
    ...(page.includes ?? []).map((r) => entryOf(page.base, r, 'include')),
  ];
  if (page.warnings?.length)
    entry.push({
      resource: {
        resourceType: 'OperationOutcome',
        issue: page.warnings.map((w) => ({ severity: 'warning', code: 'informational', diagnostics: w })),
      },
      search: { mode: 'outcome' },
    });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: page.total,
    link,
    ...(entry.length ? { entry } : {}),
  };
}

/** `_summary=count`: only the total (search.html#summary). */
export const countBundle = (total: number): Bundle => ({ resourceType: 'Bundle', type: 'searchset', total });

/** Scored matches for Patient/$match (R4 patient-operation-match.html): entries carry search.score. */
/**
 * Chartkeeper's extension on a $match entry's search: the match-weight waterfall (issue 17) — one `field`
 * sub-extension per compared field (code, level, weight in bits, reason) and one `caution` per
 * disagreement that kept the pair out of "certain" (docs/fhir.md).
 */
export const MATCH_WEIGHT_EXTENSION = 'https://chartkeeper.example.org/fhir/StructureDefinition/match-weight';

export interface MatchExplanation {
  fields: { field: string; level?: string; weight: number; reason: string }[];
  cautions: { code: string; reason: string }[];
}

function explanationExtension(e: MatchExplanation): Extension {
  return {
    url: MATCH_WEIGHT_EXTENSION,
    extension: [
      ...e.fields.map((f) => ({
        url: 'field',
        extension: [
          { url: 'code', valueCode: f.field },
          ...(f.level ? [{ url: 'level', valueCode: f.level }] : []),
          { url: 'weight', valueDecimal: f.weight },
          { url: 'reason', valueString: f.reason },
        ],
      })),
      ...e.cautions.map((c) => ({
        url: 'caution',
        extension: [
          { url: 'code', valueCode: c.code },
          { url: 'reason', valueString: c.reason },
        ],
      })),
    ],
  };
}

export function matchBundle(
  base: string,
  scored: { resource: Resource; score: number; grade: string; explanation?: MatchExplanation }[],
): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: scored.length,
    entry: scored.map(({ resource, score, grade, explanation }) => ({
      ...entryOf(base, resource, 'match', score),
      search: {
        mode: 'match',
        score,
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/match-grade', valueCode: grade },
          ...(explanation ? [explanationExtension(explanation)] : []),
        ],
      },
    })),
  };
}

/** A history Bundle, newest version first (R4 http.html#history). */
export function historyBundle(base: string, versions: Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'history',
    total: versions.length,
    entry: versions.map((r) => ({
      fullUrl: `${base}/${r.resourceType}/${r.id}`,
      resource: r,
      request: { method: r.meta?.versionId === '1' ? 'POST' : 'PUT', url: `${r.resourceType}/${r.id}` },
      response: { status: r.meta?.versionId === '1' ? '201' : '200', lastModified: r.meta?.lastUpdated },
    })),
  };
}
