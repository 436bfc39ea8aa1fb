import type { Insertable } from 'kysely';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import {
  findEncountersForImport,
  findEntriesForImport,
  insertEncountersBulk,
  insertEntriesBulk,
  insertVersionsBulk,
  updateEncounter,
  updateEntry,
} from './chart.queries.ts';
import type { ChartVersionTable, EncounterStatus } from './chart.tables.ts';
import { encounterToApi, entryToApi } from './chart-mappers.ts';
import { changedFields } from './chart-rules.ts';
import type { EntryKind } from './entry-kinds.ts';
import { snapshotOf } from './versioning.ts';

/** An encounter arriving from another system (FHIR bulk import): its provider is not a user here. */
export interface ImportedEncounter {
  patientId: string;
  class: 'appointment' | 'inpatient';
  status: EncounterStatus;
  startsAt: string;
  /** type, location, reason, dischargedAt, dischargeDisposition (as in encounterDataSchema). */
  data: Record<string, unknown>;
  enteredInError?: boolean;
  /** Set on a re-import: the encounter this source record created before. */
  existingId?: string;
}

/** A clinical entry arriving from another system, already valid for its kind (ENTRY_KINDS). */
export interface ImportedEntry {
  patientId: string;
  kind: EntryKind;
  encounterId: string | null;
  data: Record<string, unknown>;
  enteredInError?: boolean;
  existingId?: string;
}

/** Per item: the id written, or why a re-import may not change it. */
export type ImportResult = { id: string } | { refused: string };

const SYSTEM_USER = '00000000-0000-0000-0000-000000000000';
const IMPORT_REASON = 'FHIR import';
const IN_ERROR_REASON = 'entered-in-error in the source system';

function stamps(ctx: RequestContext) {
  const now = ctx.clock.now();
  const by = ctx.actor?.userId ?? SYSTEM_USER;
  return { now, by };
}

function versionRow(
  ctx: RequestContext,
  entity: 'entry' | 'encounter',
  api: Record<string, unknown> & { id: string; patientId: string; version: number },
  fields: string[],
): Insertable<ChartVersionTable> {
  const { now, by } = stamps(ctx);
  return {
    patient_id: api.patientId,
    entity_type: entity,
    entity_id: api.id,
    version: api.version,
    snapshot: snapshotOf(api),
    changed_fields: fields,
    reason: IMPORT_REASON,
    changed_by: by,
    changed_at: now,
  };
}

/**
 * Writes imported encounters: new ones in one statement, re-imported ones as a new version when they
 * changed. Every write appends its version row (DESIGN invariant 3). The caller audits the batch.
 */
export async function importEncounters(
  ctx: RequestContext,
  trx: DbOrTx,
  items: ImportedEncounter[],
): Promise<ImportResult[]> {
  const { now, by } = stamps(ctx);
  const row = (e: ImportedEncounter) => ({
    patient_id: e.patientId,
    class: e.class,
    status: e.status,
    data: e.data,
    provider_id: null,
    starts_at: new Date(e.startsAt),
    entered_in_error: e.enteredInError ?? false,
    entered_in_error_reason: e.enteredInError ? IN_ERROR_REASON : null,
    updated_by: by,
    updated_at: now,
  });
  const fresh = items.filter((e) => !e.existingId);
  const inserted = await insertEncountersBulk(
    trx,
    fresh.map((e) => ({ ...row(e), created_by: by, created_at: now })),
  );
  const versions = inserted.map((r) => versionRow(ctx, 'encounter', encounterToApi(r), []));
  const existing = new Map(
    (
      await findEncountersForImport(
        trx,
        items.flatMap((e) => e.existingId ?? []),
      )
    ).map((r) => [r.id, r]),
  );
  let next = 0;
  const out: ImportResult[] = [];
  for (const e of items) {
    if (!e.existingId) {
      out.push({ id: inserted[next++]!.id });
      continue;
    }
    const before = existing.get(e.existingId);
    if (!before) {
      out.push({ refused: 'the encounter imported earlier no longer exists' });
      continue;
    }
    if (before.entered_in_error) {
      out.push({ refused: 'the encounter was marked entered-in-error and can no longer change' });
      continue;
    }
    const after = await updateEncounter(trx, before.id, before.version, row(e));
    if (!after) throw new Error('locked encounter changed during import');
    const [b, a] = [snapshotOf(encounterToApi(before)), snapshotOf(encounterToApi(after))];
    versions.push(versionRow(ctx, 'encounter', encounterToApi(after), changedFields(b, a)));
    out.push({ id: after.id });
  }
  await insertVersionsBulk(trx, versions);
  return out;
}

/**
 * Writes imported clinical entries like `importEncounters`. A final note or an entry marked
 * entered-in-error is never rewritten by a re-import (issue 4: final notes change only by addendum).
 */
export async function importEntries(
  ctx: RequestContext,
  trx: DbOrTx,
  items: ImportedEntry[],
): Promise<ImportResult[]> {
  const { now, by } = stamps(ctx);
  const row = (e: ImportedEntry) => ({
    patient_id: e.patientId,
    kind: e.kind,
    encounter_id: e.encounterId,
    data: e.data,
    entered_in_error: e.enteredInError ?? false,
    entered_in_error_reason: e.enteredInError ? IN_ERROR_REASON : null,
    updated_by: by,
    updated_at: now,
  });
  const fresh = items.filter((e) => !e.existingId);
  const inserted = await insertEntriesBulk(
    trx,
    fresh.map((e) => ({ ...row(e), created_by: by, created_at: now })),
  );
  const versions = inserted.map((r) => versionRow(ctx, 'entry', entryToApi(r), []));
  const existing = new Map(
    (
      await findEntriesForImport(
        trx,
        items.flatMap((e) => e.existingId ?? []),
      )
    ).map((r) => [r.id, r]),
  );
  let next = 0;
  const out: ImportResult[] = [];
  for (const e of items) {
    if (!e.existingId) {
      out.push({ id: inserted[next++]!.id });
      continue;
    }
    const before = existing.get(e.existingId);
    const refusal = !before
      ? 'the entry imported earlier no longer exists'
      : before.entered_in_error
        ? 'the entry was marked entered-in-error and can no longer change'
        : before.kind === 'note' && before.data.status === 'final'
          ? 'a final note cannot be rewritten; add an addendum instead'
          : undefined;
    if (refusal || !before) {
      out.push({ refused: refusal ?? 'not found' });
      continue;
    }
    const after = await updateEntry(trx, before.id, before.version, row(e));
    if (!after) throw new Error('locked entry changed during import');
    const [b, a] = [snapshotOf(entryToApi(before)), snapshotOf(entryToApi(after))];
    versions.push(versionRow(ctx, 'entry', entryToApi(after), changedFields(b, a)));
    out.push({ id: after.id });
  }
  await insertVersionsBulk(trx, versions);
  return out;
}
