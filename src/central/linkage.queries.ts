import { type Insertable, sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';
import type {
  CentralBlockTable,
  CentralLinkTable,
  CentralPersonTable,
  CentralReviewTable,
} from './central.tables.ts';

/** SQL of person linkage: pending records, candidate blocks, links, the review queue. */

/** A record is current unless a later one from its source superseded it or the source deleted it. */
export const NOT_CURRENT = ['superseded', 'deleted'] as const;

/**
 * Current records not linked to a person and not waiting in clerical review, oldest first (set-based:
 * one anti-join, so `central link` is safe to re-run and resumes where it stopped).
 */
export const pendingRecords = (db: DbOrTx, limit: number) =>
  db
    .selectFrom('central_record as r')
    .select(['r.id', 'r.source_id', 'r.patient_id_number', 'r.items'])
    .where('r.status', 'not in', NOT_CURRENT)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('central_link as l').select('l.record_id').whereRef('l.record_id', '=', 'r.id'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('central_review as v')
            .select('v.id')
            .whereRef('v.record_id', '=', 'r.id')
            .where('v.status', '=', 'pending'),
        ),
      ),
    )
    .orderBy('r.received_at')
    .orderBy('r.record_index')
    .orderBy('r.id')
    .limit(limit)
    .execute();

/**
 * The person an earlier record of the same source and Patient ID Number (#20) is linked to: a source's
 * correction follows its original (the source's own number is the strongest evidence there is).
 */
export const personsBySourceNumber = (db: DbOrTx, pairs: { sourceId: string; number: string }[]) =>
  pairs.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('central_link as l')
        .innerJoin('central_record as r', 'r.id', 'l.record_id')
        .select(['l.person_id', 'r.source_id', 'r.patient_id_number'])
        .where(({ or, and, eb }) =>
          or(
            pairs.map((p) =>
              and([eb('r.source_id', '=', p.sourceId), eb('r.patient_id_number', '=', p.number)]),
            ),
          ),
        )
        .orderBy('l.linked_at', 'desc')
        .execute();

/** Current linked records sharing any of `keys` (the candidate set of a batch). */
export const blockCandidates = (db: DbOrTx, keys: string[]) =>
  keys.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('central_block as b')
        .innerJoin('central_record as r', 'r.id', 'b.record_id')
        .select(['b.key', 'b.person_id', 'b.record_id', 'r.items'])
        .where('b.key', 'in', keys)
        .where('r.status', 'not in', NOT_CURRENT)
        .execute();

export const insertPersons = (db: DbOrTx, rows: Insertable<CentralPersonTable>[]) =>
  rows.length === 0
    ? Promise.resolve()
    : db
        .insertInto('central_person')
        .values(rows)
        .execute()
        .then(() => {});

export const insertLinks = (db: DbOrTx, rows: Insertable<CentralLinkTable>[]) =>
  rows.length === 0
    ? Promise.resolve()
    : db
        .insertInto('central_link')
        .values(rows)
        .execute()
        .then(() => {});

export const insertBlocks = (db: DbOrTx, rows: Insertable<CentralBlockTable>[]) =>
  rows.length === 0
    ? Promise.resolve()
    : db
        .insertInto('central_block')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .execute()
        .then(() => {});

export const insertReviews = (db: DbOrTx, rows: Insertable<CentralReviewTable>[]) =>
  rows.length === 0
    ? Promise.resolve()
    : db
        .insertInto('central_review')
        .values(
          rows.map((r) => ({
            ...r,
            fields: JSON.stringify(r.fields) as never,
            cautions: JSON.stringify(r.cautions) as never,
          })),
        )
        .execute()
        .then(() => {});

export const markDirty = (db: DbOrTx, personIds: string[]) =>
  personIds.length === 0
    ? Promise.resolve()
    : db
        .updateTable('central_person')
        .set({ dirty: true })
        .where('id', 'in', personIds)
        .execute()
        .then(() => {});

/**
 * Every registry person with at least one current linked record: its records (source code and Patient
 * ID Number) and its number of consolidated tumours.
 */
export const personsWithRecords = (db: DbOrTx) =>
  db
    .selectFrom('central_person as p')
    .innerJoin('central_link as l', 'l.person_id', 'p.id')
    .innerJoin('central_record as r', 'r.id', 'l.record_id')
    .innerJoin('central_source as s', 's.id', 'r.source_id')
    .where('r.status', 'not in', NOT_CURRENT)
    .select([
      'p.id as personId',
      sql<
        { source: string; patientIdNumber: string }[]
      >`json_agg(json_build_object('source', s.code, 'patientIdNumber', r.patient_id_number) order by s.code, r.patient_id_number)`.as(
        'records',
      ),
      sql<number>`(select count(*)::int from central_tumour t where t.person_id = p.id)`.as('tumours'),
    ])
    .groupBy('p.id')
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();

/** The figures of `central stats`. */
export async function centralCounts(db: DbOrTx) {
  const r = await db
    .selectNoFrom([
      sql<number>`(select count(*)::int from central_source)`.as('sources'),
      sql<number>`(select count(*)::int from central_submission)`.as('submissions'),
      sql<number>`(select count(*)::int from central_record where status not in ('superseded', 'deleted'))`.as(
        'records',
      ),
      sql<number>`(select count(distinct l.person_id)::int from central_link l join central_record r on r.id = l.record_id where r.status not in ('superseded', 'deleted'))`.as(
        'persons',
      ),
      sql<number>`(select count(*)::int from central_tumour)`.as('tumours'),
      sql<number>`(select count(*)::int from central_review where status = 'pending')`.as('reviewPending'),
    ])
    .executeTakeFirstOrThrow();
  return r;
}
