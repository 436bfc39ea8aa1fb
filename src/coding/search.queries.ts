import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type { VersionRow } from './coding.queries.ts';

export interface CodeRow {
  code: string;
  billable: boolean;
  short_description: string;
  long_description: string;
}
export type PagedRows = { rows: CodeRow[]; total: number };

/** The version of a system whose period covers the date; else the newest loaded one. */
export async function versionForDate(
  db: DbOrTx,
  system: string,
  date: string,
): Promise<VersionRow | undefined> {
  return db
    .selectFrom('coding_code_system_version')
    .selectAll()
    .where('system', '=', system)
    .orderBy(
      sql`(coalesce(effective_from, '-infinity') <= ${date}::date and coalesce(effective_to, 'infinity') >= ${date}::date)`,
      'desc',
    )
    .orderBy(sql`effective_from desc nulls last`)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Codes starting with a prefix, the exact code first, then shorter (broader) codes. */
export async function searchByPrefix(
  db: DbOrTx,
  v: { system: string; version: string },
  prefix: string,
  page: { limit: number; offset: number; billableOnly: boolean },
): Promise<PagedRows> {
  const { rows } = await sql<CodeRow & { total: number }>`
    select code, billable, short_description, long_description, count(*) over () as total
    from coding_code
    where system = ${v.system} and version = ${v.version} and code like ${`${prefix}%`}
      ${page.billableOnly ? sql`and billable` : sql``}
    order by (code = ${prefix}) desc, length(code), code
    limit ${page.limit} offset ${page.offset}`.execute(db);
  return { rows, total: rows[0]?.total ?? 0 };
}

/**
 * Codes whose titles contain every term as a word prefix (GIN index on search_vector). Every match has
 * all the words, so the best match is the one with the fewest other words: billable codes first, then
 * broader (shorter) codes, then shorter titles. (ts_rank was measured slower, detoasting every
 * matching vector, without better order for these short titles.)
 */
export async function searchByWords(
  db: DbOrTx,
  v: { system: string; version: string },
  tsquery: string,
  page: { limit: number; offset: number; billableOnly: boolean },
): Promise<PagedRows> {
  const { rows } = await sql<CodeRow & { total: number }>`
    select code, billable, short_description, long_description, count(*) over () as total
    from coding_code
    where system = ${v.system} and version = ${v.version} and search_vector @@ to_tsquery('simple', ${tsquery})
      ${page.billableOnly ? sql`and billable` : sql``}
    order by billable desc, length(code), length(long_description), code
    limit ${page.limit} offset ${page.offset}`.execute(db);
  return { rows, total: rows[0]?.total ?? 0 };
}

/**
 * Typing-error fallback: titles containing words similar to the query (pg_trgm word similarity, served
 * by the trigram GIN index on long_description), most similar first. Used when no title has all words.
 */
export async function searchBySimilarity(
  db: DbOrTx,
  v: { system: string; version: string },
  text: string,
  page: { limit: number; offset: number; billableOnly: boolean },
): Promise<PagedRows> {
  const { rows } = await sql<CodeRow & { total: number }>`
    select code, billable, short_description, long_description, count(*) over () as total
    from coding_code
    where system = ${v.system} and version = ${v.version} and ${text} <% long_description
      ${page.billableOnly ? sql`and billable` : sql``}
    order by word_similarity(${text}, long_description) desc, billable desc, length(code), code
    limit ${page.limit} offset ${page.offset}`.execute(db);
  return { rows, total: rows[0]?.total ?? 0 };
}

/** Up to `n` billable descendants of each header code, in code order. */
export async function billableDescendants(
  db: DbOrTx,
  v: { system: string; version: string },
  headers: string[],
  n: number,
): Promise<{ parent: string; code: string; long_description: string }[]> {
  if (headers.length === 0) return [];
  const { rows } = await sql<{ parent: string; code: string; long_description: string }>`
    select h.code as parent, c.code, c.long_description
    from unnest(${headers}::text[]) as h(code)
    cross join lateral (
      select code, long_description from coding_code
      where system = ${v.system} and version = ${v.version} and billable
        -- a range on the "C"-collated primary key ('~' sorts after every code character): a LIKE with a
        -- non-constant pattern could not use the index
        and code > (h.code collate "C") and code < (h.code || '~') collate "C"
      order by code limit ${n}) c`.execute(db);
  return rows;
}

/** All codes under a prefix (the prefix itself excluded), for hierarchy browsing. */
export async function descendants(
  db: DbOrTx,
  v: { system: string; version: string },
  prefix: string,
): Promise<CodeRow[]> {
  return db
    .selectFrom('coding_code')
    .select(['code', 'billable', 'short_description', 'long_description'])
    .where('system', '=', v.system)
    .where('version', '=', v.version)
    .where('code', 'like', `${prefix}%`)
    .where('code', '<>', prefix)
    .orderBy('code')
    .execute();
}

/** 3-character categories between two categories (a chapter). */
export async function categoriesBetween(
  db: DbOrTx,
  v: { system: string; version: string },
  first: string,
  last: string,
): Promise<CodeRow[]> {
  return db
    .selectFrom('coding_code')
    .select(['code', 'billable', 'short_description', 'long_description'])
    .where('system', '=', v.system)
    .where('version', '=', v.version)
    .where(sql`length(code)`, '=', 3)
    .where('code', '>=', first)
    .where('code', '<=', last)
    .orderBy('code')
    .execute();
}

/** The given codes in one version. */
export async function codesIn(
  db: DbOrTx,
  v: { system: string; version: string },
  codes: string[],
): Promise<CodeRow[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('coding_code')
    .select(['code', 'billable', 'short_description', 'long_description'])
    .where('system', '=', v.system)
    .where('version', '=', v.version)
    .where('code', 'in', codes)
    .execute();
}

/** For each of the codes, the versions of a system that contain it. */
export async function versionsContaining(
  db: DbOrTx,
  system: string,
  codes: string[],
): Promise<{ code: string; version: string }[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('coding_code')
    .select(['code', 'version'])
    .where('system', '=', system)
    .where('code', 'in', codes)
    .execute();
}
