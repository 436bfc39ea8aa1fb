import type { DbOrTx } from '../kernel/db.ts';

/** All SQL for MFA secrets, recovery codes and the access policy settings. */

export async function setMfaSecret(
  db: DbOrTx,
  userId: string,
  state: { mfa_secret: string | null; mfa_enabled: boolean; mfa_last_step: number | null; updated_at: Date },
): Promise<void> {
  await db.updateTable('access_user').set(state).where('id', '=', userId).execute();
}

export async function setMfaLastStep(db: DbOrTx, userId: string, step: number): Promise<void> {
  await db.updateTable('access_user').set({ mfa_last_step: step }).where('id', '=', userId).execute();
}

export async function replaceRecoveryCodes(db: DbOrTx, userId: string, hashes: string[]): Promise<void> {
  // Recovery codes are credentials, not part of the legal record: old ones are simply removed.
  await db.deleteFrom('access_recovery_code').where('user_id', '=', userId).execute();
  if (hashes.length) {
    await db
      .insertInto('access_recovery_code')
      .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
      .execute();
  }
}

/** Marks an unused recovery code as used; true when one matched (a code works once). */
export async function consumeRecoveryCode(
  db: DbOrTx,
  userId: string,
  hash: string,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('access_recovery_code')
    .set({ used_at: at })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const r = await db
    .selectFrom('access_recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function readSetting(db: DbOrTx, key: string): Promise<unknown> {
  const row = await db.selectFrom('kernel_setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: DbOrTx, key: string, value: unknown, at: Date): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('kernel_setting')
    .values({ key, value: json, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at }))
    .execute();
}

export async function deleteSetting(db: DbOrTx, key: string): Promise<void> {
  await db.deleteFrom('kernel_setting').where('key', '=', key).execute();
}
