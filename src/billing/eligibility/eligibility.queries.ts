import { type Insertable, type Selectable, sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';
import { patientDirectory } from '../../patients/index.ts';
import type { BillingEligibilityTable, EligibilityStatus } from './eligibility.tables.ts';

export type EligibilityDbRow = Selectable<BillingEligibilityTable>;
export type EligibilityRow = EligibilityDbRow & { mrn: string; family_name: string; given_name: string };

/** The next trace numbers (TRN02): 'E' and a zero-padded sequence, never reused. */
export async function nextTraceNumbers(db: DbOrTx, n: number): Promise<string[]> {
  if (n === 0) return [];
  const r = await sql<{ v: string }>`select nextval('billing_eligibility_trace_seq')::text as v
    from generate_series(1, ${n})`.execute(db);
  return r.rows.map((x) => `E${x.v.padStart(9, '0')}`);
}

/** Patients whose claims are not yet sent (draft, scrubbed, ready): whom to check before a batch. */
export async function patientsWithOpenClaims(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectFrom('billing_claim')
    .select('patient_id')
    .distinct()
    .where('status', 'in', ['draft', 'scrubbed', 'ready'])
    .execute();
  return rows.map((r) => r.patient_id);
}

export async function insertEligibility(db: DbOrTx, rows: Insertable<BillingEligibilityTable>[]) {
  if (rows.length === 0) return [];
  return db.insertInto('billing_eligibility').values(rows).returning('id').execute();
}

export async function eligibilityByTrace(db: DbOrTx, traces: string[]): Promise<EligibilityDbRow[]> {
  if (traces.length === 0) return [];
  return db
    .selectFrom('billing_eligibility')
    .selectAll()
    .where(sql<boolean>`trace_number = any(${traces}::text[])`)
    .forUpdate()
    .execute();
}

export async function saveEligibilityResult(
  db: DbOrTx,
  id: string,
  r: {
    status: EligibilityStatus;
    planName: string | null;
    copay: number | null;
    coinsurancePercent: number | null;
    deductibleRemaining: number | null;
    rejectReason: string | null;
    benefits: unknown[];
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('billing_eligibility')
    .set({
      status: r.status,
      plan_name: r.planName,
      copay: r.copay,
      coinsurance_percent: r.coinsurancePercent,
      deductible_remaining: r.deductibleRemaining,
      reject_reason: r.rejectReason,
      benefits: JSON.stringify(r.benefits),
      responded_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Inquiries newest first, with the patient's name and MRN (through the patient index's directory). */
export async function eligibilityRows(
  db: DbOrTx,
  f: {
    ids?: string[] | undefined;
    patientId?: string | undefined;
    status?: EligibilityStatus | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: EligibilityRow[]; total: number }> {
  let q = db
    .selectFrom('billing_eligibility as e')
    .innerJoin(patientDirectory(db).as('p'), 'p.id', 'e.patient_id');
  if (f.ids) q = q.where(sql<boolean>`e.id = any(${f.ids}::uuid[])`);
  if (f.patientId) q = q.where('e.patient_id', '=', f.patientId);
  if (f.status) q = q.where('e.status', '=', f.status);
  const [rows, count] = await Promise.all([
    q
      .selectAll('e')
      .select(['p.mrn', 'p.family_name', 'p.given_name'])
      .orderBy('e.requested_at', 'desc')
      .orderBy('e.trace_number', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}
