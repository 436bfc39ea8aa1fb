import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { permissionsFor } from '../../access/index.ts';
import { importEncounters } from '../../chart/index.ts';
import { finalizeCoding, saveCoding, seedSampleIfEmpty } from '../../coding/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { buildClaims } from '../claims.service.ts';
import { loadFees, loadPayers } from '../fees.service.ts';
import { auditBilling } from '../gate.ts';
import { loadProviders } from '../providers/providers.service.ts';
import { importRemit } from '../remit/remit.service.ts';
import { scrubClaims } from '../scrubber/scrubber.service.ts';
import { batchClaims, batchFile } from '../x12/batch.service.ts';
import { coveredPatientIds, demoUserId } from './demo.queries.ts';
import { answer837 } from './payer-835.ts';

const SAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../sample');
const sample = (name: string) => readFileSync(path.join(SAMPLE, name), 'utf8');

/** Synthetic visits: codes the sample code sets and fee schedule know, so coding can make them final. */
const VISITS: { diagnoses: string[]; procedures: string[] }[] = [
  { diagnoses: ['E11.9', 'I10'], procedures: ['99213', '36415', '83036'] },
  { diagnoses: ['E11.65', 'I10'], procedures: ['99214', '80053'] },
  { diagnoses: ['J44.9'], procedures: ['99213', '71046'] },
  { diagnoses: ['I50.9', 'I10'], procedures: ['99214', '93000'] },
  { diagnoses: ['E11.22', 'I10'], procedures: ['99213', '36415', '85025'] },
  { diagnoses: ['I10'], procedures: ['99212'] },
  { diagnoses: ['J44.1'], procedures: ['99214', '71046'] },
];

export interface BillingSeedResult {
  encounters: number;
  claims: number;
  submitted: number;
  remitted: number;
  denied: number;
  needsWork: number;
  /** 835 files (one per batch) answering the submitted claims the seed left unanswered, to import by hand. */
  pendingRemitFiles: string[];
}

const day = (d: Date, minus: number) => new Date(d.getTime() - minus * 86_400_000);

/**
 * The last day the sample ICD-10-CM (FY2026: 2025-10-01 to 2026-09-30) is in force: visits are dated on
 * or before it, or coding's CODE_NOT_VALID_ON_DATE edit would stop them from becoming final.
 */
const SAMPLE_CODES_UNTIL = new Date('2026-09-30T12:00:00Z');

/**
 * Records final coding for the given encounters (each in its own transaction, as a coder would), as the
 * `demo-seed` service account with the coder role: coding names the user who coded and finalized.
 */
async function codeVisits(cli: RequestContext, ids: { id: string; visit: number; date: string }[]) {
  const roles = ['coder'];
  const ctx: RequestContext = {
    ...cli,
    actor: {
      userId: await demoUserId(cli.db),
      username: 'demo-seed',
      roles,
      permissions: permissionsFor(roles),
      facilityIds: [],
    },
  };
  for (const e of ids) {
    const v = VISITS[e.visit % VISITS.length] ?? VISITS[0];
    if (!v) continue;
    const saved = await saveCoding(ctx, e.id, {
      version: 0,
      diagnoses: v.diagnoses.map((code, i) => ({ code, sequence: i + 1 })),
      procedures: v.procedures.map((code) => ({
        system: 'cpt',
        code,
        modifiers: [],
        units: 1,
        date: e.date,
      })),
      drugs: [],
    });
    await finalizeCoding(ctx, e.id, { version: saved.version });
  }
}

/** Completed clinic visits for the patients (synthetic), dated in the last weeks. */
async function visitsFor(ctx: RequestContext, patients: string[], offset: number) {
  const now = new Date(Math.min(ctx.clock.now().getTime(), SAMPLE_CODES_UNTIL.getTime()));
  return withTransaction(ctx.db, async (trx) => {
    const items = patients.map((patientId, i) => {
      const at = day(now, 3 + ((i * 7 + offset) % 45));
      at.setUTCHours(9 + (i % 8), 0, 0, 0);
      return {
        patientId,
        class: 'appointment' as const,
        status: 'completed' as const,
        startsAt: at.toISOString(),
        data: { type: 'follow-up', location: 'North Clinic', reason: 'chronic condition review' },
      };
    });
    const r = await importEncounters(ctx, trx, items);
    return r.flatMap((x, i) =>
      'id' in x ? [{ id: x.id, visit: i + offset, date: items[i]?.startsAt.slice(0, 10) ?? '' }] : [],
    );
  });
}

/**
 * `demo seed --billing`: payers for the synthetic patients' plans, the sample fee schedule and billing
 * provider, and final coded clinic visits for up to `encounters` covered patients. The first 60% go
 * the whole way (claims built, scrubbed, sent in 837 batches, two thirds answered by a simulated payer's
 * 835 and posted, some denied); the rest stay as claims to work (ready, or needing a prior
 * authorization). An 835 answering the unanswered claims is written to `outDir` for the remittance
 * screen. Synthetic data only; patients already billed are left alone.
 */
export async function seedBilling(
  ctx: RequestContext,
  opts: { encounters: number; outDir: string },
): Promise<BillingSeedResult> {
  await seedSampleIfEmpty(ctx);
  await loadPayers(ctx, sample('payers.csv'));
  await loadPayers(ctx, sample('demo-payers.csv'));
  await loadFees(ctx, sample('fee-schedule.csv'));
  await loadProviders(ctx, sample('providers.csv'));
  const patients = await coveredPatientIds(ctx.db, opts.encounters);
  const cut = Math.ceil(patients.length * 0.6);
  const result: BillingSeedResult = {
    encounters: 0,
    claims: 0,
    submitted: 0,
    remitted: 0,
    denied: 0,
    needsWork: 0,
    pendingRemitFiles: [],
  };
  const sent = await visitsFor(ctx, patients.slice(0, cut), 0);
  await codeVisits(ctx, sent);
  result.claims += (await buildClaims(ctx, { allReady: true })).built;
  await scrubClaims(ctx);
  const outbox = path.join(opts.outDir, 'outbox', '837');
  const batch = await batchClaims(ctx, { outDir: outbox, usage: 'T' }).catch((e: unknown) => {
    // No claim came out clean (e.g. every visit needs a prior authorization): nothing to send yet.
    if (e instanceof AppError && e.code === 'NO_READY_CLAIMS') return { files: [], claims: 0 };
    throw e;
  });
  result.submitted = batch.claims;
  for (const [n, f] of batch.files.entries()) {
    const content = (await batchFile(ctx, f.batchId)).content;
    const answer = (skip: (pcn: string) => boolean, k: number, trace: string) =>
      answer837(content, {
        trace,
        date: ctx.clock.now(),
        controlNumber: 900 + n * 2 + k,
        skip,
        deny: (pcn) => Number(pcn.slice(-1)) % 5 === 0,
      });
    const third = (pcn: string) => Number(pcn.slice(-1)) % 3 === 2;
    const posted = answer(third, 0, `DEMO${f.interchangeControlNumber}A`);
    if (posted) {
      const r = await importRemit(ctx, posted, `demo-${f.payerId}.835`);
      for (const t of r.transactions) {
        result.remitted += t.posted;
        result.denied += t.denied;
      }
    }
    const rest = answer((pcn) => !third(pcn), 1, `DEMO${f.interchangeControlNumber}B`);
    if (rest) {
      const file = path.join(opts.outDir, 'demo', `pending-${f.payerId}-${f.type}.835`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, rest);
      result.pendingRemitFiles.push(file);
    }
  }
  const open = await visitsFor(ctx, patients.slice(cut), cut);
  await codeVisits(ctx, open);
  result.claims += (await buildClaims(ctx, { allReady: true })).built;
  result.needsWork = (await scrubClaims(ctx)).needsWork;
  result.encounters = sent.length + open.length;
  await auditBilling(ctx.db, ctx, 'billing.demo_seed', [], { ...result, synthetic: true });
  return result;
}
