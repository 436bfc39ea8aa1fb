import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RequestContext } from '../../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import type { ClaimDiagnosis } from '../billing.tables.ts';
import { type ClaimRow, findClaim, insertClaimHistory } from '../claims.queries.ts';
import { BillingErrors } from '../errors.ts';
import { actorName, auditBilling, requireBilling, visiblePatients } from '../gate.ts';
import { lineControlNumber } from '../line-control.ts';
import type { ProviderDbRow } from '../providers/providers.queries.ts';
import type { CobDetails } from '../remit/cob.ts';
import type { ScrubFinding } from '../scrubber/rules.ts';
import {
  type ClaimFacts,
  type CodingEditsMemo,
  findingsFor,
  loadClaimFacts,
  saveScrubChanges,
  scrubChange,
} from '../scrubber/scrubber.service.ts';
import {
  findBatch,
  insertBatch,
  insertBatchClaims,
  listBatches,
  markSubmitted,
  nextInterchangeNumber,
  originalReferences,
  readyClaimsForBatch,
  statusCounts,
} from './batch.queries.ts';
import {
  type Batch837,
  type Claim837,
  IMPLEMENTATION,
  type Party837,
  patientStatusCode,
  transaction837,
} from './claim837.ts';
import { interchangeSegments } from './envelope.ts';
import { serialize } from './segment.ts';

export const BatchErrors = {
  noReadyClaims: (counts: Record<string, number>) =>
    new AppError(
      'NO_READY_CLAIMS',
      `No claim is ready to send (${counts.draft ?? 0} draft, ${counts.scrubbed ?? 0} need work). Run \`billing claims scrub\` and fix what it finds. Nothing was written.`,
      409,
      { counts },
    ),
  failsScrubber: (claims: { patientControlNumber: string; findings: ScrubFinding[] }[]) =>
    new AppError(
      'CLAIM_FAILS_SCRUBBER',
      `${claims.length} claim(s) no longer pass the scrubber and were set back to "needs work": ${claims
        .slice(0, 5)
        .map(
          (c) =>
            `${c.patientControlNumber} (${c.findings.find((f) => f.severity === 'error')?.message ?? ''})`,
        )
        .join('; ')}. Nothing was written; fix them or send the batch again without them.`,
      422,
      { claims: claims.map((c) => ({ patientControlNumber: c.patientControlNumber, findings: c.findings })) },
    ),
};

interface ClaimDetails {
  admittedAt?: string | null;
  dischargedAt?: string | null;
  dischargeDisposition?: string | null;
  placeOfService?: string | null;
  drg?: string | null;
  admissionType?: string | null;
  admissionSource?: string | null;
  icd10pcs?: { code: string; date: string | null }[];
  subscriber?: { memberId: string; groupNumber: string | null; name: string; relationship: string };
  cob?: CobDetails;
}

const money = (v: string) => Math.round(Number(v) * 100) / 100;

export const party = (r: ProviderDbRow): Party837 => ({
  name: r.name,
  npi: r.npi,
  taxonomy: r.taxonomy,
  taxId: r.tax_id,
  address: r.address,
});

/** A claim's facts as the 837 writer reads them. */
export function claim837Of(f: ClaimFacts, originals: Map<string, string>): Claim837 {
  const c = f.claim;
  const d = c.details as ClaimDetails;
  const renderingId = f.lines.find((l) => l.rendering_user_id)?.rendering_user_id;
  const rendering = renderingId ? f.renderingProviders.get(renderingId) : undefined;
  const cov = f.coverage;
  const p = f.patient;
  return {
    type: c.type,
    patientControlNumber: c.patient_control_number,
    charge: money(c.charge),
    frequencyCode: c.frequency_code,
    originalReference: c.original_claim_id ? (originals.get(c.original_claim_id) ?? null) : null,
    payerOrder: c.payer_order,
    serviceFrom: c.service_from,
    serviceTo: c.service_to,
    placeOfService: d.placeOfService ?? f.lines[0]?.place_of_service ?? '11',
    diagnoses: c.diagnoses as ClaimDiagnosis[],
    procedures: d.icd10pcs ?? [],
    priorAuthNumber: f.priorAuthNumber,
    medicalRecordNumber: p?.mrn ?? '',
    subscriber: cov
      ? {
          memberId: cov.memberId,
          groupNumber: cov.groupNumber,
          name: cov.subscriberName,
          relationship: cov.relationship,
        }
      : (d.subscriber ?? { memberId: '', groupNumber: null, name: '', relationship: 'self' }),
    patient: {
      familyName: p?.familyName ?? '',
      givenName: p?.givenName ?? '',
      birthDate: p?.birthDate ?? null,
      sex: p?.sex ?? 'U',
      address: p?.address ?? null,
    },
    rendering: rendering ? party(rendering) : null,
    ...(c.type === 'I'
      ? {
          admission: {
            admittedAt: d.admittedAt ?? null,
            dischargedAt: d.dischargedAt ?? null,
            type: d.admissionType ?? '9',
            source: d.admissionSource ?? '9',
            patientStatus: d.dischargedAt ? patientStatusCode(d.dischargeDisposition) : '30',
            drg: d.drg ?? null,
          },
        }
      : {}),
    lines: f.lines.map((l) => ({
      lineNo: l.line_no,
      controlNumber: lineControlNumber(l.id),
      code: l.code,
      modifiers: l.modifiers,
      units: l.units,
      serviceDate: l.service_date,
      diagnosisPointers: l.diagnosis_pointers,
      revenueCode: l.revenue_code,
      charge: money(l.charge),
    })),
    cob: d.cob ?? null,
  };
}

/** One interchange (ISA … IEA) with one 837 transaction set for one payer and claim type. */
export function interchange837(
  facts: ClaimFacts[],
  originals: Map<string, string>,
  o: { controlNumber: number; createdAt: Date; usage: 'P' | 'T' },
): string {
  const first = facts[0];
  const bp = first?.billingProvider;
  const payer = first?.payer;
  if (!first || !bp || !payer) throw BillingErrors.claimNotFound();
  const type = first.claim.type;
  const batch: Batch837 = {
    type,
    reference: `CK${String(o.controlNumber).padStart(9, '0')}`,
    createdAt: o.createdAt,
    submitter: { name: bp.name, id: bp.npi, contact: 'BILLING OFFICE', phone: bp.address?.phone ?? null },
    payer: { name: payer.name, payerId: payer.payer_id, filingIndicator: payer.filing_indicator },
    billingProvider: party(bp),
    claims: facts.map((f) => claim837Of(f, originals)),
  };
  const segments = interchangeSegments(
    {
      senderQualifier: 'ZZ',
      senderId: bp.npi,
      receiverQualifier: 'ZZ',
      receiverId: payer.payer_id.slice(0, 15),
      controlNumber: o.controlNumber,
      date: o.createdAt,
      usage: o.usage,
    },
    [
      {
        functionalId: 'HC',
        applicationSender: bp.npi,
        applicationReceiver: payer.payer_id,
        controlNumber: o.controlNumber,
        version: IMPLEMENTATION[type],
        transactions: [
          { id: '837', controlNumber: '0001', version: IMPLEMENTATION[type], body: transaction837(batch) },
        ],
      },
    ],
  );
  return serialize(segments);
}

export interface BatchFile {
  batchId: string;
  file: string;
  payerId: string;
  type: 'P' | 'I';
  interchangeControlNumber: number;
  claims: number;
  charge: number;
}

/**
 * `claims batch`: every ready claim (of one payer) is scrubbed once more and written into one 837 file per
 * payer and claim type in `outDir` (one interchange each), then marked submitted, in one transaction. A
 * claim that no longer passes the scrubber stops the batch: nothing is written, that claim goes back to
 * "needs work" with its findings and the error names it.
 */
export async function batchClaims(
  ctx: RequestContext,
  opts: { payerId?: string | undefined; outDir: string; usage?: 'P' | 'T' },
  onProgress?: (done: number, total: number) => void,
): Promise<{ files: BatchFile[]; claims: number }> {
  await requireBilling(ctx, 'billing:write');
  await mkdir(opts.outDir, { recursive: true });
  const temps: string[] = [];
  const failed: { patientControlNumber: string; findings: ScrubFinding[] }[] = [];
  try {
    const result = await withTransaction(ctx.db, async (trx) => {
      const locked = await readyClaimsForBatch(trx, opts.payerId);
      const visible = await visiblePatients(
        ctx,
        trx,
        locked.map((c) => c.patient_id),
      );
      const claims = locked.filter((c) => visible.has(c.patient_id));
      if (claims.length === 0) throw BatchErrors.noReadyClaims(await statusCounts(trx, opts.payerId));
      const facts = await loadClaimFacts(ctx, trx, claims);
      const memo: CodingEditsMemo = new Map();
      const today = ctx.clock.now().toISOString().slice(0, 10);
      const changes = [];
      for (const f of facts) {
        const findings = await findingsFor(ctx, f, today, memo);
        if (findings.some((x) => x.severity === 'error')) {
          failed.push({ patientControlNumber: f.claim.patient_control_number, findings });
          const change = scrubChange(f.claim, findings);
          if (change) changes.push(change);
        }
      }
      if (failed.length > 0) {
        await saveScrubChanges(ctx, trx, changes);
        return null;
      }
      const originals = await originalReferences(
        trx,
        claims.flatMap((c) => (c.original_claim_id ? [c.original_claim_id] : [])),
      );
      const groups = new Map<string, ClaimFacts[]>();
      for (const f of facts) {
        const key = `${f.payer?.payer_id}\u0000${f.claim.type}`;
        const g = groups.get(key);
        if (g) g.push(f);
        else groups.set(key, [f]);
      }
      const now = ctx.clock.now();
      const files: BatchFile[] = [];
      const written: { claim: ClaimRow; batchId: string; file: string; icn: number }[] = [];
      let done = 0;
      for (const g of groups.values()) {
        const first = g[0] as ClaimFacts;
        const payerId = first.payer?.payer_id ?? '';
        const type = first.claim.type;
        const icn = await nextInterchangeNumber(trx);
        const content = interchange837(g, originals, {
          controlNumber: icn,
          createdAt: now,
          usage: opts.usage ?? 'P',
        });
        const file = `${payerId}_837${type}_${String(icn).padStart(9, '0')}.x12`;
        const temp = path.join(opts.outDir, `.${file}.part`);
        temps.push(temp);
        await writeFile(temp, content, 'utf8');
        const charge = Math.round(g.reduce((s, f) => s + Number(f.claim.charge) * 100, 0)) / 100;
        const batch = await insertBatch(trx, {
          interchange_control_number: icn,
          payer_ref: first.payer?.id ?? null,
          payer_id: payerId,
          claim_type: type,
          implementation: IMPLEMENTATION[type],
          file_name: file,
          claims: g.length,
          total_charge: charge,
          content,
          created_by: actorName(ctx),
          created_at: now,
        });
        await insertBatchClaims(
          trx,
          g.map((f) => ({ batch_id: batch.id, claim_id: f.claim.id, transaction_control_number: '0001' })),
        );
        for (const f of g) written.push({ claim: f.claim, batchId: batch.id, file, icn });
        files.push({
          batchId: batch.id,
          file,
          payerId,
          type,
          interchangeControlNumber: icn,
          claims: g.length,
          charge,
        });
        done += g.length;
        onProgress?.(done, facts.length);
      }
      await markSubmitted(
        trx,
        written.map((w) => ({ id: w.claim.id, version: w.claim.version + 1 })),
        now,
      );
      await insertClaimHistory(
        trx,
        written.map((w) => ({
          claim_id: w.claim.id,
          version: w.claim.version + 1,
          action: 'submit',
          status: 'submitted' as const,
          snapshot: JSON.stringify({ batchId: w.batchId, file: w.file, interchangeControlNumber: w.icn }),
          changed_by: actorName(ctx),
          changed_at: now,
        })),
      );
      await auditBilling(
        trx,
        ctx,
        'billing.claims_batch',
        claims.map((c) => c.patient_id),
        { claims: claims.length, files: files.map((f) => f.file) },
      );
      for (const f of files)
        await rename(path.join(opts.outDir, `.${f.file}.part`), path.join(opts.outDir, f.file));
      return { files, claims: claims.length };
    });
    if (!result) throw BatchErrors.failsScrubber(failed);
    return result;
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw e;
  }
}

/**
 * One claim as it would leave (837 preview, CMS-1500): visible to the actor (else not found), its facts,
 * and clean under the scrubber — a claim that fails it gets the coded error with its findings instead.
 */
export async function sendableClaim(
  ctx: RequestContext,
  trx: DbOrTx,
  claimId: string,
): Promise<{ facts: ClaimFacts; originals: Map<string, string> }> {
  const c = await findClaim(trx, claimId);
  if (!c || !(await visiblePatients(ctx, trx, [c.patient_id])).has(c.patient_id))
    throw BillingErrors.claimNotFound();
  const [f] = await loadClaimFacts(ctx, trx, [c]);
  if (!f) throw BillingErrors.claimNotFound();
  const findings = await findingsFor(ctx, f, ctx.clock.now().toISOString().slice(0, 10), new Map());
  if (findings.some((x) => x.severity === 'error'))
    throw BatchErrors.failsScrubber([{ patientControlNumber: c.patient_control_number, findings }]);
  const originals = await originalReferences(trx, c.original_claim_id ? [c.original_claim_id] : []);
  return { facts: f, originals };
}

/** The 837 a claim would be sent as (claim screen preview): nothing is stored or marked. */
export async function claim837Preview(ctx: RequestContext, claimId: string): Promise<{ x12: string }> {
  await requireBilling(ctx, 'billing:read');
  return ctx.db.transaction().execute(async (trx) => {
    const { facts, originals } = await sendableClaim(ctx, trx, claimId);
    await auditBilling(trx, ctx, 'billing.claim_837_preview', [facts.claim.patient_id], undefined, {
      type: 'Claim',
      id: claimId,
    });
    return {
      x12: interchange837([facts], originals, { controlNumber: 1, createdAt: ctx.clock.now(), usage: 'T' }),
    };
  });
}

/** The latest batches written (the batch screen). */
export async function recentBatches(ctx: RequestContext, limit = 50) {
  await requireBilling(ctx, 'billing:read');
  const rows = await listBatches(ctx.db, limit);
  return rows.map((b) => ({
    id: b.id,
    interchangeControlNumber: b.interchange_control_number,
    payerId: b.payer_id,
    type: b.claim_type,
    file: b.file_name,
    claims: b.claims,
    charge: money(b.total_charge),
    createdBy: b.created_by,
    createdAt: b.created_at.toISOString(),
  }));
}

/** One batch's 837 text as it was written (a download: claims' patient data, audited). */
export async function batchFile(ctx: RequestContext, id: string): Promise<{ file: string; content: string }> {
  await requireBilling(ctx, 'billing:read');
  return ctx.db.transaction().execute(async (trx) => {
    const b = await findBatch(trx, id);
    if (!b) throw new AppError('BATCH_NOT_FOUND', 'The batch was not found.', 404);
    await auditBilling(trx, ctx, 'billing.batch_download', [], { claims: b.claims }, { type: 'Batch', id });
    return { file: b.file_name, content: b.content };
  });
}
