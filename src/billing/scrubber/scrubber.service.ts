import type { Selectable } from 'kysely';
import { type CodedEncounter, type CodingFinding, codingEdits } from '../../coding/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../../kernel/db.ts';
import { type CoverageForBilling, type PatientForBilling, patientsForBilling } from '../../patients/index.ts';
import type {
  BillingClaimLineTable,
  BillingPayerTable,
  ClaimDiagnosis,
  ClaimStatus,
} from '../billing.tables.ts';
import { type ClaimRow, insertClaimHistory } from '../claims.queries.ts';
import { actorName, auditBilling, requireBilling, visiblePatients } from '../gate.ts';
import { type ProviderDbRow, providersFor } from '../providers/providers.queries.ts';
import type { CobDetails } from '../remit/cob.ts';
import { priorAuthNumbers } from './prior-auth.ts';
import {
  type ProviderFacts,
  type ScrubFinding,
  type ScrubInput,
  scrubClaim,
  statusAfterScrub,
} from './rules.ts';
import { linesOf, lockClaims, payersByRef, saveScrub, scrubbableClaimIds } from './scrubber.queries.ts';

const CHUNK = 500;

export interface ScrubbedClaim {
  id: string;
  patientControlNumber: string;
  status: ClaimStatus;
  findings: ScrubFinding[];
}

export interface ScrubResult {
  /** Claims the scrubber looked at. */
  scrubbed: number;
  /** Claims with no error left (status ready). */
  ready: number;
  /** Claims with at least one error (status scrubbed: the biller works them). */
  needsWork: number;
  /** Claims whose status or findings changed (a new version each). */
  changed: number;
  /** Claims skipped because another process held them (e.g. a batch being written). */
  busy: number;
  /** How often each finding code occurred. */
  byCode: Record<string, number>;
  claims: ScrubbedClaim[];
}

/** Claim details the build copied from the encounter (and the biller's prior-auth number). */
interface ClaimDetails {
  icd10pcs?: { code: string; date: string | null }[];
  priorAuthNumber?: string;
}

const money = (v: string) => Math.round(Number(v) * 100) / 100;
const SEX = { F: 'female', M: 'male', U: 'unknown' } as const;

function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return Math.max(0, Math.min(124, age));
}

const providerFacts = (r: ProviderDbRow): ProviderFacts => ({
  name: r.name,
  npi: r.npi,
  taxonomy: r.taxonomy,
  taxId: r.tax_id,
  address: r.address,
});

/** The coded encounter the coding edits see for a claim: its diagnoses, lines and ICD-10-PCS procedures. */
function codedEncounterOf(
  claim: ClaimRow,
  lines: ClaimLineRow[],
  patient: PatientForBilling,
): CodedEncounter {
  const details = claim.details as ClaimDetails;
  return {
    dateOfService: claim.service_from,
    inpatient: claim.type === 'I',
    patient: { ageYears: ageOn(patient.birthDate, claim.service_from), sex: SEX[patient.sex] },
    diagnoses: (claim.diagnoses as ClaimDiagnosis[]).map((d, i) => ({
      code: d.code,
      sequence: i + 1,
      ...(d.poa ? { poa: d.poa as 'Y' } : {}),
    })),
    procedures: [
      ...lines.map((l) => ({
        system: l.code_system as 'cpt' | 'hcpcs',
        code: l.code,
        modifiers: l.modifiers,
        units: l.units,
        date: l.service_date,
      })),
      ...(details.icd10pcs ?? []).map((p) => ({
        system: 'icd10pcs' as const,
        code: p.code,
        modifiers: [],
        units: 1,
        ...(p.date ? { date: p.date.slice(0, 10) } : {}),
      })),
    ],
  };
}

/** Findings in a key order independent of storage (jsonb reorders keys), for comparing with a new scrub. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
type ClaimLineRow = Selectable<BillingClaimLineTable>;
type PayerRow = Selectable<BillingPayerTable>;

const sameFindings = (a: unknown[], b: ScrubFinding[]) => canonical(a) === canonical(b);

/** Everything known about one claim when it is scrubbed or written as an 837. */
export interface ClaimFacts {
  claim: ClaimRow;
  lines: ClaimLineRow[];
  patient: PatientForBilling | null;
  coverage: CoverageForBilling | null;
  payer: PayerRow | null;
  billingProvider: ProviderDbRow | null;
  renderingProviders: Map<string, ProviderDbRow>;
  priorAuthNumber: string | null;
}

/**
 * Reads the facts of the given claims (lines, patient and coverage through the patient index, payer,
 * providers, prior authorizations) in a handful of queries, in the caller's transaction.
 */
export async function loadClaimFacts(
  ctx: RequestContext,
  trx: DbOrTx,
  claims: ClaimRow[],
): Promise<ClaimFacts[]> {
  const lines = await linesOf(
    trx,
    claims.map((c) => c.id),
  );
  const linesBy = new Map<string, ClaimLineRow[]>();
  for (const l of lines) {
    const xs = linesBy.get(l.claim_id);
    if (xs) xs.push(l);
    else linesBy.set(l.claim_id, [l]);
  }
  const [patients, payers, providers] = await Promise.all([
    patientsForBilling(
      ctx,
      trx,
      claims.map((c) => c.patient_id),
    ),
    payersByRef(
      trx,
      claims.flatMap((c) => (c.payer_ref ? [c.payer_ref] : [])),
    ),
    providersFor(
      trx,
      lines.flatMap((l) => (l.rendering_user_id ? [l.rendering_user_id] : [])),
    ),
  ]);
  const payerBy = new Map(payers.map((p) => [p.id, p]));
  const auths = await priorAuthNumbers(
    ctx,
    trx,
    claims.flatMap((c) => {
      const payer = c.payer_ref ? payerBy.get(c.payer_ref) : undefined;
      const need = new Set(payer?.prior_auth_codes ?? []);
      const codes = (linesBy.get(c.id) ?? []).map((l) => l.code).filter((x) => need.has(x));
      return payer && codes.length > 0
        ? [
            {
              claimId: c.id,
              patientId: c.patient_id,
              payerRef: payer.id,
              codes,
              serviceFrom: c.service_from,
              serviceTo: c.service_to,
            },
          ]
        : [];
    }),
  );
  return claims.map((c) => {
    const patient = patients.get(c.patient_id) ?? null;
    return {
      claim: c,
      lines: linesBy.get(c.id) ?? [],
      patient,
      coverage: patient?.coverage.find((x) => x.id === c.coverage_id) ?? null,
      payer: (c.payer_ref ? payerBy.get(c.payer_ref) : undefined) ?? null,
      billingProvider: providers.billing,
      renderingProviders: providers.rendering,
      priorAuthNumber: (c.details as ClaimDetails).priorAuthNumber ?? auths.get(c.id) ?? null,
    };
  });
}

/** Runs the coding edits once per distinct coded encounter (identical input, identical findings). */
export type CodingEditsMemo = Map<string, Promise<CodingFinding[]>>;

/** The scrubber's findings for one claim (pure edits over its facts, coding edits memoized). */
export async function findingsFor(
  ctx: RequestContext,
  f: ClaimFacts,
  today: string,
  memo: CodingEditsMemo,
): Promise<ScrubFinding[]> {
  const c = f.claim;
  let codingFindings: CodingFinding[] = [];
  if (f.patient) {
    const enc = codedEncounterOf(c, f.lines, f.patient);
    const key = JSON.stringify(enc);
    let run = memo.get(key);
    if (!run) {
      run = codingEdits(ctx, enc);
      memo.set(key, run);
    }
    codingFindings = await run;
  }
  const rendering = new Map<string, ProviderFacts>();
  for (const l of f.lines) {
    const r = l.rendering_user_id ? f.renderingProviders.get(l.rendering_user_id) : undefined;
    if (r && l.rendering_user_id) rendering.set(l.rendering_user_id, providerFacts(r));
  }
  const input: ScrubInput = {
    type: c.type,
    serviceFrom: c.service_from,
    serviceTo: c.service_to,
    charge: money(c.charge),
    diagnoses: c.diagnoses as ClaimDiagnosis[],
    lines: f.lines.map((l) => ({
      lineNo: l.line_no,
      code: l.code,
      modifiers: l.modifiers,
      units: l.units,
      serviceDate: l.service_date,
      diagnosisPointers: l.diagnosis_pointers,
      revenueCode: l.revenue_code,
      renderingUserId: l.rendering_user_id,
      charge: money(l.charge),
    })),
    coverage: f.coverage,
    patient: f.patient,
    payer: f.payer
      ? {
          payerId: f.payer.payer_id,
          timelyFilingDays: f.payer.timely_filing_days,
          priorAuthCodes: f.payer.prior_auth_codes,
        }
      : null,
    billingProvider: f.billingProvider ? providerFacts(f.billingProvider) : null,
    renderingProviders: rendering,
    priorAuthNumber: f.priorAuthNumber,
    cob: (c.details as { cob?: CobDetails }).cob ?? null,
    codingFindings,
    today,
  };
  return scrubClaim(input);
}

/** A scrub outcome to save: the claim's next version when its status or findings changed, else null. */
export function scrubChange(c: ClaimRow, findings: ScrubFinding[]) {
  const status = statusAfterScrub(findings);
  return status !== c.status || !sameFindings(c.findings, findings)
    ? { id: c.id, status, findings, version: c.version + 1 }
    : null;
}

/** Saves scrub outcomes and appends their history rows (action `scrub`). */
export async function saveScrubChanges(
  ctx: RequestContext,
  trx: DbOrTx,
  saves: { id: string; status: ClaimStatus; findings: ScrubFinding[]; version: number }[],
): Promise<void> {
  const now = ctx.clock.now();
  await saveScrub(trx, saves, now);
  await insertClaimHistory(
    trx,
    saves.map((s) => ({
      claim_id: s.id,
      version: s.version,
      action: 'scrub',
      status: s.status,
      snapshot: JSON.stringify({
        errors: s.findings.filter((f) => f.severity === 'error').map((f) => f.code),
        warnings: s.findings.filter((f) => f.severity === 'warning').map((f) => f.code),
      }),
      changed_by: actorName(ctx),
      changed_at: now,
    })),
  );
}

/**
 * `claims scrub`: runs the scrubber over claims not yet sent (draft, scrubbed or ready), in chunks of
 * 500, each in its own transaction. A claim with no error becomes `ready`; one with errors `scrubbed`
 * with its findings. A claim whose status or findings change gets a new version in its history; the
 * reads of patients and codes are audited by their owners, the scrub itself here.
 * @param onProgress - claims scrubbed so far (for the CLI's progress bar)
 */
export async function scrubClaims(
  ctx: RequestContext,
  scope: { claimIds?: string[] | undefined } = {},
  onProgress?: (done: number, total: number) => void,
): Promise<ScrubResult> {
  await requireBilling(ctx, 'billing:write');
  const ids = await scrubbableClaimIds(ctx.db, scope.claimIds);
  const result: ScrubResult = {
    scrubbed: 0,
    ready: 0,
    needsWork: 0,
    changed: 0,
    busy: 0,
    byCode: {},
    claims: [],
  };
  const memo: CodingEditsMemo = new Map();
  const today = ctx.clock.now().toISOString().slice(0, 10);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await withTransaction(ctx.db, async (trx) => {
      const locked = await lockClaims(trx, chunk);
      result.busy += chunk.length - locked.length;
      // A patient restricted to this actor is left out (their claim is not the actor's to work).
      const visible = await visiblePatients(
        ctx,
        trx,
        locked.map((c) => c.patient_id),
      );
      const claims = locked.filter((c) => visible.has(c.patient_id));
      const facts = await loadClaimFacts(ctx, trx, claims);
      const saves: NonNullable<ReturnType<typeof scrubChange>>[] = [];
      for (const f of facts) {
        const findings = await findingsFor(ctx, f, today, memo);
        const status = statusAfterScrub(findings);
        result.scrubbed++;
        if (status === 'ready') result.ready++;
        else result.needsWork++;
        for (const x of findings) result.byCode[x.code] = (result.byCode[x.code] ?? 0) + 1;
        result.claims.push({
          id: f.claim.id,
          patientControlNumber: f.claim.patient_control_number,
          status,
          findings,
        });
        const change = scrubChange(f.claim, findings);
        if (change) saves.push(change);
      }
      await saveScrubChanges(ctx, trx, saves);
      result.changed += saves.length;
      await auditBilling(
        trx,
        ctx,
        'billing.claims_scrub',
        claims.map((c) => c.patient_id),
        { claims: claims.length, changed: saves.length },
      );
    });
    onProgress?.(Math.min(i + CHUNK, ids.length), ids.length);
  }
  return result;
}
