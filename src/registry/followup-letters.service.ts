import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { AppError, notFound } from '../kernel/errors.ts';
import { currentAddress } from '../patients/index.ts';
import { followupPatientsPage, insertLetters, lettersOfBatch } from './followup.queries.ts';
import { followupDue } from './followup.service.ts';
import { dueItem, isoDay, naaccrDate } from './followup.ts';
import { followupLettersPdf, type LetterContent } from './followup-letter-pdf.ts';
import { actorName, auditRegistry, requireRegistry, visiblePatients } from './gate.ts';
import { findRegistryPatient, tumoursOfRegistryPatient } from './registry.queries.ts';

export interface LetterBatch {
  batchId: string;
  recipient: 'patient' | 'physician';
  letters: { letterId: string; registryPatientId: string; dueDate: string }[];
}

/**
 * Opens a mail-merge batch of follow-up letters (issue 14 "letters to the patient or the physician as PDF
 * with a mail-merge batch"): for the registry patients named, or for everyone due (due or lost) when none
 * are. A patient not due for follow-up (dead, not analytic, not yet due) is refused by name. Needs
 * registry:write; audited with the patients.
 */
export async function createLetterBatch(
  ctx: RequestContext,
  input: { recipient: 'patient' | 'physician'; registryPatientIds?: string[] },
): Promise<LetterBatch> {
  await requireRegistry(ctx, 'registry:write');
  const asOf = new Date(`${isoDay(ctx.clock.now())}T00:00:00Z`);
  let due: { registryPatientId: string; patientId: string | null; dueDate: string }[];
  if (input.registryPatientIds?.length) {
    const ids = [...new Set(input.registryPatientIds)];
    const rows = await followupPatientsPage(ctx.db, null, ids.length, ids);
    const visible = await visiblePatients(
      ctx,
      ctx.db,
      rows.flatMap((r) => (r.patientId ? [r.patientId] : [])),
    );
    const found = rows.filter((r) => !r.patientId || visible.has(r.patientId));
    const missing = ids.filter((id) => !found.some((r) => r.registryPatientId === id));
    if (missing.length) throw notFound(`Registry patient ${missing.join(', ')}`);
    due = found.map((p) => {
      const d = dueItem(p, asOf);
      if (!d)
        throw new AppError(
          'REGISTRY_NOT_DUE',
          `Registry patient ${p.patientIdNumber} is not due for follow-up (not followed, or the next anniversary is later).`,
          422,
          { registryPatientId: p.registryPatientId },
        );
      return d;
    });
  } else due = (await followupDue(ctx)).items;
  if (due.length === 0)
    throw new AppError('REGISTRY_NOTHING_DUE', 'No patient is due for follow-up today.', 422);
  const batchId = randomUUID();
  return withTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    const rows = await insertLetters(
      trx,
      due.map((d) => ({
        batch_id: batchId,
        registry_patient_id: d.registryPatientId,
        patient_id: d.patientId,
        recipient: input.recipient,
        due_date: d.dueDate,
        created_by: actorName(ctx),
        created_at: now,
      })),
    );
    await auditRegistry(
      trx,
      ctx,
      'registry.followup_letters',
      due.flatMap((d) => (d.patientId ? [d.patientId] : [])),
      { batchId, recipient: input.recipient, letters: rows.length },
    );
    return {
      batchId,
      recipient: input.recipient,
      letters: rows.map((r) => ({
        letterId: r.id,
        registryPatientId: r.registry_patient_id,
        dueDate: r.due_date,
      })),
    };
  });
}

const fmt = (naaccr: string | undefined) => {
  const d = naaccrDate(naaccr);
  return d ? isoDay(d) : null;
};

/**
 * The batch's letters as one PDF, made from the letter rows and today's addresses (the patient index's
 * current address for a Chartkeeper patient, #2350/#1810/#1820/#1830 Addr Current otherwise). Needs
 * registry:read; a batch with a patient restricted to the caller is not found. Audited as a print.
 */
export async function letterBatchPdf(ctx: RequestContext, batchId: string): Promise<Uint8Array> {
  await requireRegistry(ctx, 'registry:read');
  const contents = await withTransaction(ctx.db, async (trx) => {
    const letters = await lettersOfBatch(trx, batchId);
    if (letters.length === 0) throw notFound('The letter batch');
    const linked = letters.flatMap((l) => (l.patient_id ? [l.patient_id] : []));
    const visible = await visiblePatients(ctx, trx, linked);
    if (linked.some((id) => !visible.has(id))) throw notFound('The letter batch');
    const out: LetterContent[] = [];
    for (const l of letters) {
      const rp = await findRegistryPatient(trx, l.registry_patient_id);
      const tumours = await tumoursOfRegistryPatient(trx, rp.id);
      const p = rp.items;
      const name =
        [p.nameFirst, p.nameLast].filter(Boolean).join(' ') || `registry patient ${rp.patient_id_number}`;
      const physician = tumours.find((t) => t.items.physicianFollowUp)?.items.physicianFollowUp ?? null;
      const address = rp.patient_id
        ? await currentAddress(trx, rp.patient_id)
        : [
            p.addrCurrentNoStreet,
            [p.addrCurrentCity, p.addrCurrentState, p.addrCurrentPostalCode].filter(Boolean).join(' '),
          ]
            .filter(Boolean)
            .join(', ') || null;
      out.push({
        letterId: l.id,
        recipient: l.recipient,
        addressLines:
          l.recipient === 'patient'
            ? [name, ...(address ?? 'no address on record').split(', ')]
            : [
                physician ? `Physician ${physician}` : 'The physician following this patient',
                `About: ${name}`,
              ],
        patientName: name,
        patientIdNumber: rp.patient_id_number,
        dateOfBirth: fmt(p.dateOfBirth),
        tumours: tumours.map((t) => ({
          primarySite: t.items.primarySite ?? null,
          dateOfDiagnosis: fmt(t.items.dateOfDiagnosis) ?? 'unknown',
        })),
        dateOfLastContact: fmt(p.dateOfLastContact),
        physician,
        letterDate: isoDay(l.created_at),
      });
    }
    await auditRegistry(trx, ctx, 'registry.followup_letters_print', linked, {
      batchId,
      letters: letters.length,
    });
    return out;
  });
  return followupLettersPdf(contents, `Follow-up letters ${batchId}`);
}
