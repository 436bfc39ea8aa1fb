import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

/** SQL of the stored matcher models (patient_match_model, issue 17). */

export async function activeModelRef(db: DbOrTx) {
  return db
    .selectFrom('patient_match_model')
    .select(['id', 'version'])
    .where('active', '=', true)
    .executeTakeFirst();
}

export async function modelById(db: DbOrTx, id: string) {
  return db.selectFrom('patient_match_model').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function modelByVersion(db: DbOrTx, version: number) {
  return db.selectFrom('patient_match_model').selectAll().where('version', '=', version).executeTakeFirst();
}

/** Every version, newest first, without the (large) model itself. */
export async function listModels(db: DbOrTx, limit: number, offset: number) {
  return db
    .selectFrom('patient_match_model')
    .select([
      'id',
      'version',
      'trained_at',
      'trained_by',
      'records',
      'pairs',
      'iterations',
      'converged',
      'lambda',
      'evaluation',
      'active',
      'activated_at',
      'activated_by',
    ])
    .orderBy('version', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countModels(db: DbOrTx): Promise<number> {
  const r = await db
    .selectFrom('patient_match_model')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertModel(
  db: DbOrTx,
  row: {
    model: string;
    trained_at: Date;
    trained_by: string;
    records: number;
    pairs: number;
    iterations: number;
    converged: boolean;
    lambda: number;
    evaluation: string;
  },
): Promise<{ id: string; version: number }> {
  // Versions are numbered in training order; the table lock keeps two trainings from taking one number.
  await sql`lock table patient_match_model in share row exclusive mode`.execute(db);
  const r = await db
    .insertInto('patient_match_model')
    .values((eb) => ({
      ...row,
      version: eb
        .selectFrom('patient_match_model')
        .select(sql<number>`coalesce(max(version), 0) + 1`.as('v')),
    }))
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return r;
}

/** Makes `id` the one active version. */
export async function activateModel(db: DbOrTx, id: string, at: Date, by: string) {
  await db
    .updateTable('patient_match_model')
    .set({ active: false })
    .where('active', '=', true)
    .where('id', '!=', id)
    .execute();
  await db
    .updateTable('patient_match_model')
    .set({ active: true, activated_at: at, activated_by: by })
    .where('id', '=', id)
    .execute();
}

/** No active version: the matcher goes back to its starting weights. */
export async function deactivateAll(db: DbOrTx) {
  await db.updateTable('patient_match_model').set({ active: false }).where('active', '=', true).execute();
}

/**
 * What a rollback goes back to: the newest version below `version` that was ever active (training activates
 * only versions that met the aims), so rolling back twice goes two steps back rather than to and fro.
 */
export async function previousActivated(db: DbOrTx, version: number) {
  return db
    .selectFrom('patient_match_model')
    .select(['id', 'version'])
    .where('version', '<', version)
    .where('activated_at', 'is not', null)
    .orderBy('version', 'desc')
    .executeTakeFirst();
}
