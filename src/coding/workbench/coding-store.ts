import type { Insertable } from 'kysely';
import { assertCanSeePatient, type Permission } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { notFound } from '../../kernel/errors.ts';
import type { Finding } from '../edits/index.ts';
import { runEdits } from '../edits.service.ts';
import { codesIn, versionForDate } from '../search.queries.ts';
import { displayCode } from '../systems.ts';
import { WorkbenchErrors } from './errors.ts';
import {
  type CodingRow,
  type EncounterForCoding,
  findCoding,
  findEncounterForCoding,
  insertCoding,
  insertCodingVersion,
  listCodingVersions,
  updateCoding,
} from './workbench.queries.ts';
import type { CodingEncounterTable } from './workbench.tables.ts';
import { encounterDates, patientSummary } from './workbench-mappers.ts';
import { type CodingAction, type CodingInput, canDo, countFindings, draftFor } from './workbench-rules.ts';

/**
 * Opens an encounter for the coding workbench: it exists, the actor may see the patient for this purpose
 * (assertCanSeePatient audits a refusal), and for changes the visit is completed and not entered in error.
 */
export async function openEncounter(
  ctx: RequestContext,
  trx: DbOrTx,
  encounterId: string,
  permission: Permission,
): Promise<EncounterForCoding> {
  const enc = await findEncounterForCoding(trx, encounterId);
  if (!enc) throw notFound('The encounter');
  await assertCanSeePatient(ctx, trx, enc.patient_id, permission);
  if (permission === 'coding:write') {
    if (enc.entered_in_error) throw WorkbenchErrors.enteredInError();
    if (enc.status !== 'completed') throw WorkbenchErrors.notReady(enc.status);
  }
  return enc;
}

/** Opens the encounter and its coding for a change: locks the row, checks the action and the version. */
export async function openForChange(
  ctx: RequestContext,
  trx: DbOrTx,
  encounterId: string,
  expectedVersion: number,
  action: CodingAction,
) {
  const enc = await openEncounter(ctx, trx, encounterId, 'coding:write');
  const current = await findCoding(trx, encounterId, true);
  const status = current?.status ?? 'uncoded';
  if ((current?.version ?? 0) !== expectedVersion) {
    const latest = (await listCodingVersions(trx, encounterId))[0];
    throw WorkbenchErrors.versionConflict(
      current?.version ?? 0,
      latest?.changed_by_name ?? null,
      latest?.changed_at.toISOString() ?? null,
    );
  }
  if (!canDo(status, action)) throw WorkbenchErrors.notAllowed(status, action);
  return { enc, current };
}

/** Runs the coding edits on the encounter's codes with its patient's age and sex and its dates. */
export async function editsFor(ctx: RequestContext, enc: EncounterForCoding, input: CodingInput) {
  const p = patientSummary(enc);
  return runEdits(
    ctx,
    draftFor(input, {
      inpatient: enc.class === 'inpatient',
      dateOfService: encounterDates(enc).dateOfService,
      ageYears: p.ageYears,
      sex: p.sex,
    }),
  );
}

type Change = Omit<
  Insertable<CodingEncounterTable>,
  'encounter_id' | 'patient_id' | 'created_at' | 'version' | 'updated_by' | 'updated_at'
>;

/**
 * Writes the next version of an encounter's coding and appends it to the history in the same
 * transaction (who, when, what, why: DESIGN invariant 3). A concurrent writer makes it a 409.
 */
export async function writeCoding(
  ctx: RequestContext,
  trx: DbOrTx,
  enc: EncounterForCoding,
  current: CodingRow | undefined,
  change: Change,
  log: { action: string; reason: string | null; findings: Finding[] },
): Promise<CodingRow> {
  const now = ctx.clock.now();
  const by = ctx.actor?.userId ?? '';
  const version = (current?.version ?? 0) + 1;
  const fields = { ...change, version, updated_by: by, updated_at: now };
  const row = current
    ? await updateCoding(trx, enc.id, current.version, fields)
    : await insertCoding(trx, {
        ...fields,
        encounter_id: enc.id,
        patient_id: enc.patient_id,
        created_at: now,
      });
  if (!row) throw WorkbenchErrors.versionConflict(version, null, null);
  const { errors, warnings } = countFindings(log.findings);
  await insertCodingVersion(trx, {
    encounter_id: enc.id,
    patient_id: enc.patient_id,
    version,
    action: log.action,
    status: row.status,
    snapshot: JSON.stringify({
      status: row.status,
      diagnoses: row.diagnoses,
      procedures: row.procedures,
      drugs: row.drugs,
      coderNotes: row.coder_notes,
      holdQuestion: row.hold_question,
      edits: row.edits,
    }),
    reason: log.reason,
    error_count: errors,
    warning_count: warnings,
    changed_by: by,
    changed_at: now,
  });
  return row;
}

/** The codes currently stored (or none) as the edits engine's input. */
export const inputOf = (row: CodingRow | undefined): CodingInput => ({
  diagnoses: row?.diagnoses ?? [],
  procedures: row?.procedures ?? [],
  drugs: row?.drugs ?? [],
  coderNotes: row?.coder_notes ?? undefined,
});

/** Non-PHI particulars for the audit event: counts and status only, never the codes themselves. */
export const auditDetails = (row: CodingRow, findings: Finding[], extra: Record<string, unknown> = {}) => ({
  status: row.status,
  version: row.version,
  diagnoses: row.diagnoses.length,
  procedures: row.procedures.length,
  drugs: row.drugs.length,
  ...countFindings(findings),
  ...extra,
});

/** The audit event of a workbench action on one encounter (details: non-PHI counts and status). */
export const audited = (action: string, enc: { id: string; patient_id: string }, details?: object) => ({
  action,
  patientIds: [enc.patient_id],
  resourceType: 'coding_encounter',
  resourceId: enc.id,
  ...(details ? { details: { ...details } } : {}),
});

/**
 * Display form and title of every code on the encounter, from the version in force on its date of
 * service (codes not found there are left out; the edits say why).
 */
export async function titlesFor(db: DbOrTx, date: string, input: CodingInput) {
  const bySystem = new Map<string, string[]>([['icd10cm', input.diagnoses.map((d) => d.code)]]);
  for (const p of input.procedures) bySystem.set(p.system, [...(bySystem.get(p.system) ?? []), p.code]);
  if (input.drugs.length > 0)
    bySystem.set('hcpcs', [...(bySystem.get('hcpcs') ?? []), ...input.drugs.map((d) => d.code)]);
  const found = await Promise.all(
    [...bySystem].map(async ([system, codes]) => {
      const v = codes.length > 0 ? await versionForDate(db, system, date) : undefined;
      if (!v) return [];
      const rows = await codesIn(db, { system, version: v.version }, codes);
      return rows.map((r) => ({
        system,
        code: r.code,
        display: displayCode(system, r.code),
        description: r.long_description,
      }));
    }),
  );
  return found.flat();
}
