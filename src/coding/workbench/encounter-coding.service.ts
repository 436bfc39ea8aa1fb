import { recordAudit } from '../../access/index.ts';
import { encounterItems } from '../../chart/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { validationFailed } from '../../kernel/errors.ts';
import {
  auditDetails,
  audited,
  editsFor,
  inputOf,
  openEncounter,
  openForChange,
  titlesFor,
  writeCoding,
} from './coding-store.ts';
import { findCoding, listCodingVersions } from './workbench.queries.ts';
import type { CodingRecord, CodingScreen } from './workbench.schemas.ts';
import {
  chartEntriesToApi,
  codingToApi,
  documentsToApi,
  encounterDates,
  encounterSummary,
  patientSummary,
} from './workbench-mappers.ts';
import { type CodingInput, checkCoding, normalised, statusAfterSave } from './workbench-rules.ts';

/**
 * The coding screen: the encounter, the patient's age, sex and payer, the chart's notes, stated diagnoses
 * and procedures and documents beside the codes assigned so far and their stored edits (issue 7).
 */
export async function getCodingScreen(ctx: RequestContext, encounterId: string): Promise<CodingScreen> {
  return withTransaction(ctx.db, async (trx) => {
    const enc = await openEncounter(ctx, trx, encounterId, 'chart:read');
    // The chart hands out its notes, stated diagnoses, procedures and documents with access checked,
    // sensitivity labels applied (withheld items carry no content, docs/disclosure.md) and the read audited.
    const [row, items] = await Promise.all([
      findCoding(trx, encounterId),
      encounterItems(ctx, trx, encounterId, { kinds: ['note', 'diagnosis', 'procedure'], purpose: 'coding' }),
    ]);
    const hidden = new Set([...items.entries, ...items.documents].filter((i) => i.withheld).map((i) => i.id));
    const titles = await titlesFor(trx, encounterDates(enc).dateOfService, inputOf(row));
    await recordAudit(trx, ctx, audited('coding.encounter.read', enc));
    return {
      titles,
      encounter: encounterSummary(enc),
      patient: patientSummary(enc),
      ...chartEntriesToApi(items.entries, hidden),
      documents: documentsToApi(items.documents, hidden),
      coding: codingToApi(row, enc),
    };
  });
}

/**
 * Saves the codes of an encounter as the next version: checks the input as a whole (every fault at once,
 * nothing saved), runs the coding edits and stores their findings with the encounter.
 * @param body.version - the version the coder opened (0 before the first save)
 */
export async function saveCoding(
  ctx: RequestContext,
  encounterId: string,
  body: CodingInput & { version: number },
): Promise<CodingRecord> {
  return withTransaction(ctx.db, async (trx) => {
    const { enc, current } = await openForChange(ctx, trx, encounterId, body.version, 'save');
    const dates = encounterDates(enc);
    const issues = checkCoding(body, { inpatient: enc.class === 'inpatient', ...dates });
    if (issues.length > 0) throw validationFailed(issues);
    const input = normalised(body);
    const findings = await editsFor(ctx, enc, input);
    const status = statusAfterSave(current?.status ?? 'uncoded', input);
    const becameCoded = status === 'coded' && current?.status !== 'coded';
    const row = await writeCoding(
      ctx,
      trx,
      enc,
      current,
      {
        status,
        diagnoses: JSON.stringify(input.diagnoses),
        procedures: JSON.stringify(input.procedures),
        drugs: JSON.stringify(input.drugs),
        coder_notes: input.coderNotes || null,
        hold_question: current?.hold_question ?? null,
        edits: JSON.stringify(findings),
        edits_run_at: ctx.clock.now(),
        coded_by: becameCoded ? (ctx.actor?.userId ?? null) : (current?.coded_by ?? null),
        coded_at: becameCoded ? ctx.clock.now() : (current?.coded_at ?? null),
      },
      { action: 'save', reason: null, findings },
    );
    await recordAudit(trx, ctx, audited('coding.encounter.save', enc, auditDetails(row, findings)));
    return codingToApi(row, enc);
  });
}

/** Every version of the encounter's coding, newest first (who, when, what, why). */
export async function codingHistory(ctx: RequestContext, encounterId: string) {
  return withTransaction(ctx.db, async (trx) => {
    const enc = await openEncounter(ctx, trx, encounterId, 'chart:read');
    const rows = await listCodingVersions(trx, encounterId);
    await recordAudit(trx, ctx, audited('coding.encounter.history', enc));
    return {
      items: rows.map((v) => ({
        version: v.version,
        action: v.action,
        status: v.status,
        reason: v.reason,
        errors: v.error_count,
        warnings: v.warning_count,
        changedBy: v.changed_by,
        changedByName: v.changed_by_name,
        changedAt: v.changed_at.toISOString(),
        snapshot: v.snapshot,
      })),
    };
  });
}
