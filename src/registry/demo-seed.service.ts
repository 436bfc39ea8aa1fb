import { permissionsFor, serviceAccountId } from '../access/index.ts';
import { importEncounters, importEntries } from '../chart/index.ts';
import { finalizeCoding, saveCoding, seedSampleIfEmpty } from '../coding/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { type DemoPatientRow, newestAdultPatients } from './demo.queries.ts';
import { BENIGN_REPORTS, CANCER_STORIES, type CancerStory, EXCLUDED_SKIN_CODE } from './demo-stories.ts';
import { auditRegistry } from './gate.ts';

export interface CancerSeedResult {
  /** Patients given a cancer storyline (a pathology report naming a reportable tumour). */
  cancerPatients: number;
  /** Patients given a benign biopsy whose report mentions a term only behind a negation. */
  benignPatients: number;
  pathologyReports: number;
  /** Visits coded final with a reportable ICD-10-CM code (C/D). */
  codedEncounters: number;
}

const DAY = 86_400_000;
/** The sample ICD-10-CM is FY2026 (2025-10-01 to 2026-09-30): visits dated inside it can become final. */
const CODES_FROM = Date.parse('2025-10-15T00:00:00Z');
const CODES_UNTIL = Date.parse('2026-09-30T12:00:00Z');
/** The LOINC code of a surgical pathology report (a pathology result for the case-finding screen). */
const SURGICAL_PATHOLOGY = { code: '22637-3', name: 'Surgical pathology report' };

interface Plan {
  patientId: string;
  at: string;
  report: string;
  /** The final code of the visit, when the visit is coded (not every pathology report is followed by one). */
  code?: string;
  cancer: boolean;
}

/** The storyline of the i-th patient: three in four get a cancer, the fourth a benign biopsy. */
function planFor(p: DemoPatientRow, i: number, latest: number): Plan {
  const at = new Date(Math.max(CODES_FROM, latest - (7 + ((i * 37) % 300)) * DAY));
  at.setUTCHours(8 + (i % 9), 30, 0, 0);
  if (i % 4 === 3)
    return {
      patientId: p.id,
      at: at.toISOString(),
      report: BENIGN_REPORTS[i % BENIGN_REPORTS.length] ?? '',
      code: i % 8 === 7 ? EXCLUDED_SKIN_CODE : undefined,
      cancer: false,
    };
  const fits = CANCER_STORIES.filter((s) => !s.sex || s.sex === p.sex_at_birth);
  const story = fits[i % fits.length] as CancerStory;
  // Two in three cancer visits are coded final; the rest are found by their pathology report alone.
  return {
    patientId: p.id,
    at: at.toISOString(),
    report: story.report,
    code: i % 3 === 2 ? undefined : story.code,
    cancer: true,
  };
}

/** Final coding as the `demo-seed` service account with the coder role (coding names who coded). */
async function codeVisit(ctx: RequestContext, encounterId: string, code: string, date: string) {
  const saved = await saveCoding(ctx, encounterId, {
    version: 0,
    diagnoses: [{ code, sequence: 1 }],
    procedures: [{ system: 'cpt', code: '99214', modifiers: [], units: 1, date }],
    drugs: [],
  });
  await finalizeCoding(ctx, encounterId, { version: saved.version });
}

/**
 * `demo seed --patients N --cancer` (issue 14): gives the newest adult patients (the ones the seed just
 * added) synthetic cancer storylines, so `registry casefind` has work to do. Each patient gets a completed
 * biopsy visit with a surgical pathology report; three in four reports name a reportable tumour (two in
 * three of those visits are also coded final with its C/D code), the fourth is benign and mentions a
 * term only behind a negation (now and then coded with an excluded skin BCC). Synthetic data only.
 * @param patients - how many patients get a storyline
 */
export async function seedCancer(ctx: RequestContext, opts: { patients: number }): Promise<CancerSeedResult> {
  await seedSampleIfEmpty(ctx);
  const now = ctx.clock.now();
  const latest = Math.min(now.getTime(), CODES_UNTIL);
  const adultBy = `${now.getUTCFullYear() - 30}-12-31`;
  const people = await newestAdultPatients(ctx.db, opts.patients, adultBy);
  const plans = people.map((p, i) => planFor(p, i, latest));
  const visits = await withTransaction(ctx.db, async (trx) => {
    const made = await importEncounters(
      ctx,
      trx,
      plans.map((p) => ({
        patientId: p.patientId,
        class: 'appointment' as const,
        status: 'completed' as const,
        startsAt: p.at,
        data: { type: 'biopsy review', location: 'Oncology Clinic', reason: 'pathology result review' },
      })),
    );
    const ids = made.map((m) => ('id' in m ? m.id : ''));
    await importEntries(
      ctx,
      trx,
      plans.map((p, i) => ({
        patientId: p.patientId,
        kind: 'result' as const,
        encounterId: ids[i] ?? null,
        data: { ...SURGICAL_PATHOLOGY, valueText: p.report, status: 'final', performedAt: p.at },
      })),
    );
    await auditRegistry(
      trx,
      ctx,
      'registry.demo_seed',
      plans.map((p) => p.patientId),
      { synthetic: true, patients: plans.length },
    );
    return ids;
  });
  const roles = ['coder'];
  const coder: RequestContext = {
    ...ctx,
    actor: {
      userId: await serviceAccountId(ctx.db, 'demo-seed'),
      username: 'demo-seed',
      roles,
      permissions: permissionsFor(roles),
      facilityIds: [],
    },
  };
  let coded = 0;
  for (const [i, p] of plans.entries()) {
    const id = visits[i];
    if (!p.code || !id) continue;
    await codeVisit(coder, id, p.code, p.at.slice(0, 10));
    if (p.cancer) coded++;
  }
  const cancerPatients = plans.filter((p) => p.cancer).length;
  return {
    cancerPatients,
    benignPatients: plans.length - cancerPatients,
    pathologyReports: plans.length,
    codedEncounters: coded,
  };
}
