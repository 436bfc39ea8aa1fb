import { patientAccess, recordAudit, recordDenied } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { forbidden, unauthorized } from '../kernel/errors.ts';
import { coverageOut } from './patient-mapper.ts';

/** What a claim needs about a patient (X12 837 loop 2010CA/2010BA): demographics and coverage, no clinical data. */
export interface PatientForBilling {
  id: string;
  mrn: string;
  familyName: string;
  givenName: string;
  birthDate: string;
  sex: 'F' | 'M' | 'U';
  address: { line1: string; line2: string | null; city: string; state: string; postalCode: string } | null;
  coverage: CoverageForBilling[];
}

export interface CoverageForBilling {
  id: string;
  priority: 'primary' | 'secondary' | 'tertiary';
  payer: string;
  plan: string | null;
  memberId: string;
  groupNumber: string | null;
  subscriberName: string;
  relationship: 'self' | 'spouse' | 'child' | 'other';
  effectiveFrom: string;
  effectiveTo: string | null;
}

const ORDER = { primary: 1, secondary: 2, tertiary: 3 } as const;

/**
 * Demographics and active coverage of the given patients for the billing domain (issue 13: a biller sees
 * demographics and coverage, not notes). Needs patient:read; patients whose record is restricted to the
 * actor are left out; audited once in the caller's transaction. CLI and job contexts read every patient.
 */
export async function patientsForBilling(
  ctx: RequestContext,
  trx: DbOrTx,
  patientIds: string[],
): Promise<Map<string, PatientForBilling>> {
  const ids = [...new Set(patientIds)];
  const out = new Map<string, PatientForBilling>();
  if (ids.length === 0) return out;
  if (ctx.actor) {
    if (!ctx.actor.permissions.has('patient:read')) {
      await recordDenied(ctx, {
        action: 'patient.billing_read_denied',
        details: { permission: 'patient:read' },
      });
      throw forbidden('You need the patient:read permission for this.', { permission: 'patient:read' });
    }
  } else if (ctx.channel !== 'cli' && ctx.channel !== 'job') throw unauthorized();
  let visible = ids;
  if (ctx.actor) {
    const access = await patientAccess(ctx, trx, ids);
    visible = ids.filter((id) => access.get(id) !== 'restricted');
  }
  if (visible.length === 0) return out;
  const [patients, addresses, coverage] = await Promise.all([
    trx
      .selectFrom('patient')
      .select(['id', 'mrn', 'family_name', 'given_name', 'birth_date', 'sex_at_birth'])
      .where('id', 'in', visible)
      .execute(),
    trx
      .selectFrom('patient_address')
      .select(['patient_id', 'line1', 'line2', 'city', 'state', 'postal_code'])
      .where('patient_id', 'in', visible)
      .where('is_current', '=', true)
      .execute(),
    trx
      .selectFrom('patient_coverage')
      .selectAll()
      .where('patient_id', 'in', visible)
      .where('status', '=', 'active')
      .execute(),
  ]);
  for (const p of patients)
    out.set(p.id, {
      id: p.id,
      mrn: p.mrn,
      familyName: p.family_name,
      givenName: p.given_name,
      birthDate: p.birth_date,
      sex: p.sex_at_birth,
      address: null,
      coverage: [],
    });
  for (const a of addresses) {
    const p = out.get(a.patient_id);
    if (p)
      p.address = { line1: a.line1, line2: a.line2, city: a.city, state: a.state, postalCode: a.postal_code };
  }
  for (const c of coverage.sort((a, b) => ORDER[a.priority] - ORDER[b.priority]))
    out.get(c.patient_id)?.coverage.push(coverageOut(c));
  await recordAudit(trx, ctx, {
    action: 'patient.billing_read',
    patientIds: out.size <= 1000 ? [...out.keys()] : [],
    details: { patients: out.size },
  });
  return out;
}
