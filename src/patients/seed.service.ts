import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { cipherFor } from './cipher.ts';
import { formatMrn } from './mrn.ts';
import { demographicsToColumns } from './patient-mapper.ts';
import { insertChildren, insertPatientsBulk, nextMrnSequences } from './patients.queries.ts';
import { actorName } from './patients.service.ts';
import { generatePatients, type SyntheticPatient } from './synthetic.ts';

const BATCH = 2000;

function columns(ctx: RequestContext, p: SyntheticPatient, mrn: string, now: Date) {
  const cipher = cipherFor(ctx.config);
  return {
    ...demographicsToColumns(
      {
        family: p.family,
        given: p.given,
        middle: p.middle,
        birthDate: p.birthDate,
        sexAtBirth: p.sex,
        ssn: p.ssn,
        race: [],
        phones: p.phone ? [{ use: 'home' as const, number: p.phone }] : [],
        address: p.address ? { ...p.address, line2: null, country: 'US' } : null,
      },
      cipher,
    ),
    mrn,
    merged_into: null,
    created_at: now,
    updated_at: now,
    updated_by: actorName(ctx),
  };
}

async function insertBatch(ctx: RequestContext, batch: SyntheticPatient[]): Promise<void> {
  await withTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const seqs = await nextMrnSequences(trx, batch.length);
    const rows = batch.map((p, i) =>
      columns(ctx, p, formatMrn(ctx.config.MRN_PREFIX, seqs[i]!, ctx.config.MRN_DIGITS), now),
    );
    const ids = await insertPatientsBulk(trx, rows);
    const from = now.toISOString().slice(0, 10);
    await insertChildren(trx, {
      addresses: batch.flatMap((p, i) =>
        p.address
          ? [
              {
                patient_id: ids[i]!,
                line1: p.address.line1,
                line2: null,
                city: p.address.city,
                state: p.address.state,
                postal_code: p.address.postalCode,
                is_current: true,
                valid_from: from,
                created_at: now,
              },
            ]
          : [],
      ),
      coverage: batch.flatMap((p, i) =>
        p.coverage
          ? [
              {
                patient_id: ids[i]!,
                priority: 'primary' as const,
                payer: p.coverage.payer,
                plan: null,
                member_id: p.coverage.memberId,
                group_number: p.coverage.groupNumber,
                subscriber_name: `${p.given} ${p.family}`,
                relationship: 'self' as const,
                effective_from: p.coverage.effectiveFrom,
                effective_to: null,
                created_at: now,
              },
            ]
          : [],
      ),
    });
    await trx
      .insertInto('patient_version')
      .values(
        ids.map((id) => ({
          patient_id: id,
          version: 1,
          changed_at: now,
          changed_by: actorName(ctx),
          action: 'create',
          reason: 'synthetic seed',
          changed_fields: [],
          snapshot: JSON.stringify({ source: 'synthetic seed' }),
        })),
      )
      .execute();
  });
}

/**
 * Inserts `count` synthetic patients in batches (`chartkeeper demo seed --patients N`, benchmarks).
 * @param duplicateRate - share of planted duplicates (for the sweep and review queue to find)
 */
export async function seedPatients(
  ctx: RequestContext,
  opts: { count: number; seed?: number; duplicateRate?: number; onProgress?: (done: number) => void },
): Promise<number> {
  let batch: SyntheticPatient[] = [];
  let done = 0;
  // Two batches in flight: Node prepares (encrypts, hashes) the next while PostgreSQL inserts the last.
  const inFlight = new Set<Promise<void>>();
  const flush = async (b: SyntheticPatient[]) => {
    const p: Promise<void> = insertBatch(ctx, b).then(() => {
      inFlight.delete(p);
      done += b.length;
      opts.onProgress?.(done);
    });
    inFlight.add(p);
    // Marked handled here; a failure still surfaces through the race or the final Promise.all.
    p.catch(() => undefined);
    if (inFlight.size >= 2) await Promise.race(inFlight);
  };
  for (const p of generatePatients(opts.seed ?? 1, opts.count, opts.duplicateRate ?? 0.02)) {
    batch.push(p);
    if (batch.length === BATCH) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length) await flush(batch);
  await Promise.all(inFlight);
  await recordAudit(ctx.db, ctx, { action: 'patient.seed', details: { count: done, synthetic: true } });
  return done;
}
