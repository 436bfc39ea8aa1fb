import type { RequestContext } from '../kernel/context.ts';
import { expandTerms, looksLikeCode, toPrefixTsQuery } from './abbreviations.ts';
import { chapterOf, directChildren, ICD10CM_CHAPTERS } from './chapters.ts';
import type { VersionRow } from './coding.queries.ts';
import { findVersion } from './coding.queries.ts';
import type { BrowseResult, CodeResult, SearchQuery, SearchResult } from './coding.schemas.ts';
import { CodingErrors } from './errors.ts';
import {
  billableDescendants,
  type CodeRow,
  categoriesBetween,
  codesIn,
  descendants,
  searchByPrefix,
  searchBySimilarity,
  searchByWords,
} from './search.queries.ts';
import { displayCode, normalizeCode } from './systems.ts';
import { versionInForce } from './version-cache.ts';

const CHILDREN_SHOWN = 5;

/** Today in the server clock's UTC calendar, as 'YYYY-MM-DD'. */
const today = (ctx: RequestContext) => ctx.clock.now().toISOString().slice(0, 10);

/** The version to use: the one named, else the one in force on the date, else the newest. */
export async function resolveVersion(
  ctx: RequestContext,
  system: string,
  date: string,
  version?: string,
): Promise<VersionRow> {
  const row = version
    ? await findVersion(ctx.db, system, version)
    : await versionInForce(ctx.db, system, date);
  if (!row)
    throw version ? CodingErrors.versionNotFound(system, version) : CodingErrors.noCodeSetLoaded(system);
  return row;
}

/** Whether a version's validity period covers a date (open ends count as covering). */
export const coversDate = (v: Pick<VersionRow, 'effective_from' | 'effective_to'>, date: string): boolean =>
  (v.effective_from === null || v.effective_from <= date) &&
  (v.effective_to === null || v.effective_to >= date);

export function toResult(v: VersionRow, row: CodeRow, date: string): CodeResult {
  return {
    system: v.system,
    version: v.version,
    code: row.code,
    display: displayCode(v.system, row.code),
    billable: row.billable,
    header: !row.billable,
    shortDescription: row.short_description,
    description: row.long_description,
    validOnDate: coversDate(v, date),
  };
}

/**
 * Searches one code system by code prefix (with or without the dot) or by words in any order, each a
 * word prefix, with clinical abbreviations expanded. A code-like query with no match falls back to words,
 * and words with no match fall back to similar words (typing errors such as "diabetis").
 * @example searchCodes(ctx, { q: 'diab typ 2 kidn', system: 'icd10cm', page: 1, pageSize: 20, billableOnly: false })
 */
export async function searchCodes(ctx: RequestContext, q: SearchQuery): Promise<SearchResult> {
  const date = q.date ?? today(ctx);
  const v = await resolveVersion(ctx, q.system, date, q.version);
  const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize, billableOnly: q.billableOnly };
  const target = { system: v.system, version: v.version };
  let mode: SearchResult['mode'] = 'words';
  let terms: string[] = [];
  let found = { rows: [] as CodeRow[], total: 0 };
  if (looksLikeCode(q.q)) {
    mode = 'code';
    terms = [normalizeCode(q.q)];
    found = await searchByPrefix(ctx.db, target, terms[0]!, page);
  }
  if (found.total === 0) {
    const words = expandTerms(q.q);
    if (words.length > 0) {
      mode = 'words';
      terms = words;
      found = await searchByWords(ctx.db, target, toPrefixTsQuery(words), page);
    }
    if (found.total === 0 && words.length > 0) {
      mode = 'similar';
      found = await searchBySimilarity(ctx.db, target, words.join(' '), page);
    }
  }
  const items = found.rows.map((r) => toResult(v, r, date));
  await attachChildren(ctx, target, items);
  return {
    system: v.system,
    version: v.version,
    date,
    query: q.q,
    mode,
    expandedTerms: terms,
    total: found.total,
    page: q.page,
    pageSize: q.pageSize,
    items,
  };
}

async function attachChildren(
  ctx: RequestContext,
  v: { system: string; version: string },
  items: CodeResult[],
) {
  const headers = items.filter((i) => i.header).map((i) => i.code);
  const rows = await billableDescendants(ctx.db, v, headers, CHILDREN_SHOWN);
  for (const item of items) {
    if (!item.header) continue;
    item.billableChildren = rows
      .filter((r) => r.parent === item.code)
      .map((r) => ({
        code: r.code,
        display: displayCode(v.system, r.code),
        description: r.long_description,
      }));
  }
}

/** One code (lookup), or undefined when the version does not have it. */
export async function getCode(
  ctx: RequestContext,
  system: string,
  code: string,
  opts: { date?: string; version?: string } = {},
): Promise<CodeResult | undefined> {
  const date = opts.date ?? today(ctx);
  const v = await resolveVersion(ctx, system, date, opts.version);
  const [row] = await codesIn(ctx.db, v, [normalizeCode(code)]);
  return row ? toResult(v, row, date) : undefined;
}

/**
 * ICD-10-CM hierarchy: no parent → the 22 chapters; "ch:N" → the chapter's categories; a code → its
 * direct children (subcategories and codes).
 */
export async function browseCodes(
  ctx: RequestContext,
  q: { parent?: string; date?: string; version?: string },
): Promise<BrowseResult> {
  const date = q.date ?? today(ctx);
  const v = await resolveVersion(ctx, 'icd10cm', date, q.version);
  if (!q.parent) {
    const nodes = ICD10CM_CHAPTERS.map((c) => ({
      kind: 'chapter' as const,
      id: `ch:${c.number}`,
      label: `Chapter ${c.number} (${c.first}–${c.last})`,
      description: c.title,
      billable: false,
      hasChildren: true,
    }));
    return { version: v.version, parent: null, path: [], nodes };
  }
  const chapterNo = /^ch:(\d+)$/.exec(q.parent)?.[1];
  const chapter = chapterNo
    ? ICD10CM_CHAPTERS.find((c) => c.number === Number(chapterNo))
    : chapterOf(q.parent);
  const rows = chapterNo
    ? await categoriesBetween(ctx.db, v, chapter?.first ?? '', chapter?.last ?? '')
    : directChildren(normalizeCode(q.parent), await descendants(ctx.db, v, normalizeCode(q.parent)));
  const path = chapter ? [{ id: `ch:${chapter.number}`, label: `Chapter ${chapter.number}` }] : [];
  if (!chapterNo) {
    const code = normalizeCode(q.parent);
    for (let len = 3; len <= code.length; len++)
      path.push({ id: code.slice(0, len), label: displayCode('icd10cm', code.slice(0, len)) });
  }
  const nodes = rows.map((r) => ({
    kind: 'code' as const,
    id: r.code,
    label: displayCode('icd10cm', r.code),
    description: r.long_description,
    billable: r.billable,
    hasChildren: !r.billable,
  }));
  return { version: v.version, parent: q.parent, path, nodes };
}
