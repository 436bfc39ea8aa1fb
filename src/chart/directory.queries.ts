import { type RawBuilder, sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

/**
 * The chart columns other domains may join or read in bulk (chart completion's rules, the coder queue).
 * The chart owns its tables; others read through these fragments instead of writing SQL over them
 * (issue 12). Content (a note's text in `data`) still passes the caller's label filter before it is shown.
 * @example db.selectFrom('completeness_deficiency as d').innerJoin(encounterDirectory(db).as('e'), 'e.id', 'd.encounter_id')
 */
export const encounterDirectory = (db: DbOrTx) =>
  db
    .selectFrom('chart_encounter')
    .select([
      'id',
      'patient_id',
      'class',
      'status',
      'provider_id',
      'starts_at',
      'data',
      'updated_at',
      'entered_in_error',
    ]);

export const entryDirectory = (db: DbOrTx) =>
  db
    .selectFrom('chart_entry')
    .select([
      'id',
      'patient_id',
      'encounter_id',
      'kind',
      'data',
      'created_by',
      'created_at',
      'entered_in_error',
    ]);

export const documentDirectory = (db: DbOrTx) =>
  db
    .selectFrom('chart_document')
    .select([
      'id',
      'patient_id',
      'encounter_id',
      'title',
      'document_type',
      'service_date',
      'media_type',
      'entered_in_error',
    ]);

/**
 * Whether the encounter (an id column) has a note that is not in error, optionally narrowed by `extra`
 * over the note alias `n` (e.g. sql`and n.data->>'status' = 'draft'`).
 */
export const encounterHasNote = (encounterId: unknown, extra: RawBuilder<unknown> = sql``) =>
  sql<boolean>`exists (select 1 from chart_entry n where n.encounter_id = ${encounterId} and n.kind = 'note'
      and not n.entered_in_error ${extra})`;
