import { sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';

/** "Who accessed my record": audit events naming the patient, newest first (GIN index on patient_ids). */
export async function accessEvents(
  db: DbOrTx,
  patientId: string,
  f: { from: Date; to: Date; limit: number; offset: number },
) {
  const q = db
    .selectFrom('audit_event')
    .where(sql<boolean>`patient_ids @> array[${patientId}]::uuid[]`)
    .where('occurred_at', '>=', f.from)
    .where('occurred_at', '<', f.to);
  const [rows, total] = await Promise.all([
    q
      .leftJoin('access_user', 'access_user.id', 'audit_event.actor_user_id')
      .select([
        'audit_event.id',
        'audit_event.occurred_at',
        'audit_event.actor_username',
        'access_user.full_name',
        'audit_event.actor_roles',
        'audit_event.action',
        'audit_event.outcome',
        'audit_event.break_glass',
        'audit_event.channel',
      ])
      .orderBy('audit_event.seq', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
