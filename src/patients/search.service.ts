import { patientAccess, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { type FieldIssue, validationFailed } from '../kernel/errors.ts';
import { cipherFor } from './cipher.ts';
import { nameVariants } from './nicknames.ts';
import { ssnHashes } from './patient-mapper.ts';
import type { SearchInput, SearchOut } from './patients.responses.ts';
import {
  type NameCriteria,
  rowsByIds,
  rowsByMrn,
  type SearchCriteria,
  searchRows,
} from './search.queries.ts';
import { digits, normalizeName, phoneticKey } from './similarity.ts';
import { isCalendarDate } from './validation.ts';

type Row = Awaited<ReturnType<typeof rowsByIds>>[number];
export type SearchItem = SearchOut['items'][number];

/** "Family, Given", "Given Family" or a single surname (or its beginning). */
export function parseName(q: string): NameCriteria | undefined {
  const [a, b] = q.includes(',')
    ? q.split(',', 2).map((s) => s.trim())
    : (() => {
        const parts = q.trim().split(/\s+/);
        return parts.length > 1 ? [parts.at(-1)!, parts.slice(0, -1).join(' ')] : [parts[0] ?? ''];
      })();
  const family = normalizeName(a);
  if (!family) return undefined;
  const given = normalizeName(b);
  return {
    family,
    familyKey: phoneticKey(family),
    ...(given
      ? {
          given,
          givenKey: phoneticKey(given),
          givenVariants: nameVariants(given).map((n) => n.toUpperCase()),
        }
      : {}),
  };
}

/** Turns the search form into criteria, listing every malformed field at once. */
function criteriaOf(ctx: RequestContext, q: SearchInput): SearchCriteria {
  const issues: FieldIssue[] = [];
  const c: SearchCriteria = {};
  if (q.name) c.name = parseName(q.name);
  if (q.name && !c.name) issues.push({ field: 'name', message: 'Enter letters of the name.' });
  if (q.birthDate) {
    if (isCalendarDate(q.birthDate)) c.birthDate = q.birthDate;
    else issues.push({ field: 'birthDate', message: 'Enter the date of birth as YYYY-MM-DD.' });
  }
  if (q.ssn) {
    const d = digits(q.ssn);
    const h = ssnHashes(cipherFor(ctx.config), d.padStart(9, '0'));
    if (d.length === 9) c.ssnHash = h.full;
    else if (d.length === 4) c.ssnLast4Hash = h.last4;
    else issues.push({ field: 'ssn', message: 'Enter all nine digits of the SSN, or its last four.' });
  }
  if (q.phone) {
    const d = digits(q.phone).slice(-10);
    if (d.length >= 7) c.phone = d;
    else issues.push({ field: 'phone', message: 'Enter the phone number with its area code.' });
  }
  if (issues.length) throw validationFailed(issues);
  return c;
}

/** Search-result rows, restricted records masked (docs/access.md: they show only that they exist). */
export async function toItems(
  ctx: RequestContext,
  db: DbOrTx,
  rows: Row[],
  resolvedFrom = new Map<string, string>(),
): Promise<SearchItem[]> {
  const access = await patientAccess(
    ctx,
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const restricted = access.get(r.id) === 'restricted';
    return {
      id: r.id,
      mrn: r.mrn,
      restricted,
      status: r.status,
      name: restricted
        ? null
        : `${r.family_name}, ${r.given_name}${r.middle_name ? ` ${r.middle_name}` : ''}`,
      birthDate: restricted ? null : r.birth_date,
      sexAtBirth: restricted ? null : r.sex_at_birth,
      resolvedFromMrn: resolvedFrom.get(r.id) ?? null,
    };
  });
}

/** An MRN (ours, retired, or another facility's) resolved to the record that now holds it. */
async function byMrn(db: DbOrTx, mrn: string): Promise<{ rows: Row[]; resolved: Map<string, string> }> {
  let rows: Row[] = await rowsByMrn(db, mrn.trim().toUpperCase());
  const resolved = new Map<string, string>();
  // A merged record's MRN keeps resolving to its survivor (issue 4); chains are followed a few steps.
  for (let hop = 0; hop < 5 && rows.some((r) => r.status === 'merged' && r.merged_into); hop++) {
    const next = await rowsByIds(
      db,
      rows.filter((r) => r.merged_into).map((r) => r.merged_into!),
    );
    for (const n of next) resolved.set(n.id, mrn);
    rows = [...rows.filter((r) => r.status !== 'merged'), ...next];
  }
  return { rows, resolved };
}

/**
 * Searches the index by name (partial, misspelled, phonetic), date of birth, MRN, SSN or phone,
 * one page at a time. Every displayed patient goes into one audit event (issue 4).
 */
export async function searchPatients(ctx: RequestContext, q: SearchInput): Promise<SearchOut> {
  const c = criteriaOf(ctx, q);
  if (!q.mrn && Object.keys(c).length === 0) {
    throw validationFailed([
      { field: 'name', message: 'Enter a name, date of birth, MRN, SSN or phone to search.' },
    ]);
  }
  return withTransaction(ctx.db, async (trx) => {
    let rows: Row[];
    let resolved = new Map<string, string>();
    let hasMore = false;
    if (q.mrn) {
      ({ rows, resolved } = await byMrn(trx, q.mrn));
    } else {
      rows = await searchRows(trx, c, q.pageSize, (q.page - 1) * q.pageSize);
      hasMore = rows.length > q.pageSize;
      rows = rows.slice(0, q.pageSize);
    }
    const items = await toItems(ctx, trx, rows, resolved);
    await recordAudit(trx, ctx, {
      action: 'patient.search',
      patientIds: items.map((i) => i.id),
      details: {
        criteria: Object.keys(q).filter((k) => k !== 'page' && k !== 'pageSize'),
        results: items.length,
      },
    });
    return { items, page: q.page, pageSize: q.pageSize, hasMore };
  });
}
