import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../database.ts';
import type { DbOrTx } from '../kernel/db.ts';

/** Columns search results and matching need (never the sealed SSN). */
const COLS = [
  'id',
  'mrn',
  'status',
  'merged_into',
  'family_name',
  'given_name',
  'middle_name',
  'birth_date',
  'sex_at_birth',
  'ssn_hash',
  'ssn_last4_hash',
  'address_line',
  'postal_code',
  'phone_digits',
] as const;

export interface NameCriteria {
  family: string;
  familyKey: string;
  given?: string;
  givenKey?: string;
  givenVariants?: string[];
}

export interface SearchCriteria {
  name?: NameCriteria;
  birthDate?: string;
  ssnHash?: string;
  ssnLast4Hash?: string;
  phone?: string;
}

type Eb = ExpressionBuilder<Database, 'patient'>;

/** Name matching: prefix (partial), trigram similarity (misspelled) or the phonetic key (sounds alike). */
function nameFilter(eb: Eb, n: NameCriteria) {
  const family = eb.or([
    eb('family_norm', 'like', `${n.family}%`),
    eb('family_key', '=', n.familyKey),
    sql<boolean>`family_norm % ${n.family}`,
  ]);
  if (!n.given) return family;
  const given = eb.or([
    eb('given_norm', 'like', `${n.given}%`),
    eb('given_key', '=', n.givenKey ?? ''),
    ...(n.givenVariants?.length ? [eb('given_norm', 'in', n.givenVariants)] : []),
  ]);
  return eb.and([family, given]);
}

/**
 * Active patients meeting every given criterion, best name similarity first.
 * @returns one more row than `limit` when there are more (for hasMore)
 */
export async function searchRows(db: DbOrTx, c: SearchCriteria, limit: number, offset: number) {
  let q = db.selectFrom('patient').select(COLS).where('status', '=', 'active');
  if (c.name) {
    const n = c.name;
    q = q.where((eb) => nameFilter(eb, n));
  }
  if (c.birthDate) q = q.where('birth_date', '=', c.birthDate);
  if (c.ssnHash) q = q.where('ssn_hash', '=', c.ssnHash);
  if (c.ssnLast4Hash) q = q.where('ssn_last4_hash', '=', c.ssnLast4Hash);
  if (c.phone) q = q.where(sql<boolean>`phone_digits @> array[${c.phone}]::text[]`);
  const order = c.name ? sql`similarity(family_norm, ${c.name.family}) desc` : sql`family_norm`;
  return q
    .orderBy(order)
    .orderBy('family_norm')
    .orderBy('given_norm')
    .orderBy('id')
    .limit(limit + 1)
    .offset(offset)
    .execute();
}

/** A record by its MRN, or else by another facility's MRN on file, whatever its status (two index lookups). */
export async function rowsByMrn(db: DbOrTx, mrn: string) {
  const own = await db.selectFrom('patient').select(COLS).where('mrn', '=', mrn).execute();
  if (own.length > 0) return own;
  return db
    .selectFrom('patient')
    .select(COLS)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('patient_identifier')
        .select('patient_id')
        .where('value', '=', mrn)
        .where('kind', '=', 'other_mrn'),
    )
    .limit(10)
    .execute();
}

export async function rowsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('patient').select(COLS).where('id', 'in', ids).execute();
}

export interface BlockProbe {
  familyKey: string;
  givenKey: string;
  familyNorm: string;
  birthDate: string;
  dateVariants: string[];
  otherFamilyKeys: string[];
  ssnHash: string | null;
  ssnLast4Hash: string | null;
  phones: string[];
  excludeId?: string;
  /** Records that were once known by the probe's family name (from patient_other_name). */
  otherNameIds: string[];
}

/**
 * Blocking for matching (Christen 2012, "Data Matching", ch. 4): only records sharing a block key with
 * the probe are scored — same birth date; same phonetic surname with a near birth date or the same
 * phonetic given name; a previous surname; the same SSN; the same phone. Indexes back every branch.
 */
export async function candidateRows(db: DbOrTx, p: BlockProbe, limit = 200) {
  return candidateQuery(db, p, limit).execute();
}

/** The blocking query itself (exported for EXPLAIN in benchmarks). */
export function candidateQuery(db: DbOrTx, p: BlockProbe, limit = 200) {
  const keys = [p.familyKey, ...p.otherFamilyKeys].filter(Boolean);
  return db
    .selectFrom('patient')
    .select(COLS)
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('birth_date', '=', p.birthDate),
        eb.and([eb('family_key', 'in', keys.length ? keys : ['']), eb('given_key', '=', p.givenKey)]),
        ...(p.dateVariants.length
          ? [
              eb.and([
                eb('family_key', 'in', keys.length ? keys : ['']),
                eb('birth_date', 'in', p.dateVariants),
              ]),
            ]
          : []),
        ...(p.otherNameIds.length ? [eb('id', 'in', p.otherNameIds)] : []),
        ...(p.ssnHash ? [eb('ssn_hash', '=', p.ssnHash)] : []),
        ...(p.ssnLast4Hash && !p.ssnHash
          ? [eb.and([eb('ssn_last4_hash', '=', p.ssnLast4Hash), eb('family_key', '=', p.familyKey)])]
          : []),
        ...(p.phones.length ? [sql<boolean>`phone_digits && ${sql.val(p.phones)}::text[]`] : []),
      ]),
    )
    .$if(!!p.excludeId, (q) => q.where('id', '!=', p.excludeId!))
    .limit(limit);
}

/** What matching needs beyond the patient row: other family names (maiden, previous) and member ids. */
export interface MatchExtras {
  otherFamilies: string[];
  memberIds: string[];
}

/** Other family names and active insurance member ids on file for these patients, for matching. */
export async function matchExtras(db: DbOrTx, ids: string[]): Promise<Map<string, MatchExtras>> {
  const out = new Map<string, MatchExtras>();
  if (ids.length === 0) return out;
  const entry = (id: string) => {
    const e = out.get(id) ?? { otherFamilies: [], memberIds: [] };
    out.set(id, e);
    return e;
  };
  const [names, members] = await Promise.all([
    db
      .selectFrom('patient_other_name')
      .select(['patient_id', 'family_name'])
      .where('patient_id', 'in', ids)
      .execute(),
    db
      .selectFrom('patient_coverage')
      .select(['patient_id', 'member_id'])
      .where('patient_id', 'in', ids)
      .where('status', '=', 'active')
      .execute(),
  ]);
  for (const r of names) entry(r.patient_id).otherFamilies.push(r.family_name);
  for (const r of members) entry(r.patient_id).memberIds.push(r.member_id);
  return out;
}

export type CandidateRow = Awaited<ReturnType<typeof candidateRows>>[number];

/** Patients once known by a family name with this phonetic key (a literal id list keeps blocking indexable). */
export async function idsByOtherName(db: DbOrTx, familyKey: string): Promise<string[]> {
  if (!familyKey) return [];
  const rows = await db
    .selectFrom('patient_other_name')
    .select('patient_id')
    .where('family_key', '=', familyKey)
    .limit(200)
    .execute();
  return rows.map((r) => r.patient_id);
}
