import { sql } from 'kysely';
import type { DbOrTx } from '../kernel/db.ts';

export interface FhirFilter {
  ids?: string[] | undefined;
  patientId?: string | undefined;
  limit: number;
  offset: number;
}

/** Claims for the FHIR Claim/ExplanationOfBenefit reads, by id or patient, oldest first, with a total. */
export async function claimRowsForFhir(db: DbOrTx, f: FhirFilter & { answeredOnly?: boolean }) {
  let q = db.selectFrom('billing_claim as c').leftJoin('billing_payer as p', 'p.id', 'c.payer_ref');
  if (f.ids) q = q.where(sql<boolean>`c.id = any(${f.ids}::uuid[])`);
  if (f.patientId) q = q.where('c.patient_id', '=', f.patientId);
  if (f.answeredOnly)
    q = q.where((e) =>
      e.exists(
        e.selectFrom('billing_remit_claim as rc').select('rc.id').whereRef('rc.claim_id', '=', 'c.id'),
      ),
    );
  const [rows, count] = await Promise.all([
    q
      .selectAll('c')
      .select('p.payer_id as payer_code')
      .orderBy('c.created_at')
      .orderBy('c.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((e) => e.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Payer answers (835 CLP) matched to our claims, by id, claim or patient, with a total. */
export async function answerRowsForFhir(db: DbOrTx, f: FhirFilter & { claimIds?: string[] | undefined }) {
  let q = db
    .selectFrom('billing_remit_claim as rc')
    .innerJoin('billing_remit as r', 'r.id', 'rc.remit_id')
    .innerJoin('billing_claim as c', 'c.id', 'rc.claim_id');
  if (f.ids) q = q.where(sql<boolean>`rc.id = any(${f.ids}::uuid[])`);
  if (f.claimIds) q = q.where(sql<boolean>`rc.claim_id = any(${f.claimIds}::uuid[])`);
  if (f.patientId) q = q.where('c.patient_id', '=', f.patientId);
  const [rows, count] = await Promise.all([
    q
      .select([
        'rc.id',
        'rc.claim_id',
        'rc.status_code',
        'rc.charge',
        'rc.paid',
        'rc.patient_responsibility',
        'rc.payer_claim_number',
        'rc.adjustments',
        'rc.remarks',
        'r.payer_name',
        'r.payer_id',
        'r.payment_date',
        'r.trace_number',
        'r.imported_at',
        'c.patient_id',
        'c.type',
      ])
      .orderBy('r.imported_at')
      .orderBy('rc.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((e) => e.fn.countAll<string>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

/** The 835 service lines of the given answers, with the line numbers of the claim lines they posted to. */
export async function answerLinesForFhir(db: DbOrTx, answerIds: string[]) {
  if (answerIds.length === 0) return [];
  const r = await sql<{
    remit_claim_id: string;
    seq: number;
    line_nos: number[];
    charge: string;
    paid: string;
    allowed: string | null;
    adjustments: { group: string; reason: string; amount: number }[];
  }>`select l.remit_claim_id, l.seq, l.charge, l.paid, l.allowed, l.adjustments,
      coalesce((select array_agg(cl.line_no order by cl.line_no) from billing_claim_line cl
        where cl.id = any(l.claim_line_ids)), '{}') as line_nos
    from billing_remit_line l where l.remit_claim_id = any(${answerIds}::uuid[])
    order by l.remit_claim_id, l.seq`.execute(db);
  return r.rows;
}

/** The billing organisation (Claim.provider). */
export async function billingOrganisation(db: DbOrTx) {
  return db
    .selectFrom('billing_provider')
    .select(['name', 'npi'])
    .where('kind', '=', 'billing')
    .orderBy('created_at')
    .executeTakeFirst();
}
