import { createHash } from 'node:crypto';
import { patientAccess, recordDenied } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { type FhirIssue, type InboundWrite, mapResource } from '../fhir/inbound/index.ts';
import type { TypeCounts } from './bulk.tables.ts';
import { findLinks, type LinkRow } from './import.queries.ts';
import type { Unit, UnitEntry } from './read-input.ts';
import { parseReference, sourceIdOf } from './references.ts';

/** A resource that mapped cleanly and waits for its references and its write. */
export interface Pending {
  entry: UnitEntry;
  type: string;
  sourceId: string;
  hash: string;
  write: InboundWrite;
  link?: LinkRow;
}

export interface RejectRow {
  file: string;
  location: string;
  resource_type: string | null;
  resource_id: string | null;
  issues: FhirIssue[];
}

/** What a unit did: counts per type, rejected resources, links to upsert, patients touched. */
export class UnitState {
  readonly counts: TypeCounts = {};
  readonly rejects: RejectRow[] = [];
  readonly links: (LinkRow & { target_table: string })[] = [];
  readonly patientIds = new Set<string>();
  /** `Type/sourceId` → where it is in the record (earlier imports and this unit). */
  readonly resolved = new Map<string, { targetId: string; patientId: string | null }>();
  constructor(
    readonly file: string,
    readonly unit: Unit,
  ) {}

  bump(type: string, what: keyof TypeCounts[string], n = 1): void {
    const c = this.counts[type] ?? {};
    c[what] = (c[what] ?? 0) + n;
    this.counts[type] = c;
  }
  reject(entry: UnitEntry, type: string | null, id: string | null, issues: FhirIssue[]): void {
    this.rejects.push({
      file: this.file,
      location: entry.location,
      resource_type: type,
      resource_id: id,
      issues,
    });
    this.bump(type ?? 'unknown', 'rejected');
  }
  rejectPending(p: Pending, issue: FhirIssue): void {
    this.reject(p.entry, p.type, p.sourceId, [issue]);
  }
  /** Records where a source resource went, for later references and the next re-import. */
  linked(p: Pending, table: string, targetId: string, patientId: string | null, created: boolean): void {
    this.resolved.set(`${p.type}/${p.sourceId}`, { targetId, patientId });
    this.links.push({
      resource_type: p.type,
      source_id: p.sourceId,
      target_id: targetId,
      patient_id: patientId,
      content_hash: p.hash,
      target_table: table,
    });
    if (patientId) this.patientIds.add(patientId);
    this.bump(p.type, created ? 'created' : 'updated');
  }
  unchanged(p: Pending): void {
    this.bump(p.type, 'unchanged');
  }

  /**
   * Resolves a reference to a record id of the expected type, or records a precise broken-reference
   * issue on the resource and returns undefined.
   */
  resolve(p: Pending, ref: string | undefined, type: 'Patient' | 'Encounter', element: string) {
    if (!ref) return undefined;
    const parsed = parseReference(ref, this.unit.fullUrls);
    const fail = (message: string) => {
      this.rejectPending(p, { expression: `${p.type}.${element}`, code: 'not-found', message });
      return undefined;
    };
    if (!parsed)
      return fail(`reference '${ref.slice(0, 80)}' cannot be followed (use Type/id or a urn:uuid fullUrl)`);
    if (parsed.type && parsed.type !== type) return fail(`must reference a ${type}, not a ${parsed.type}`);
    const hit = this.resolved.get(`${type}/${parsed.id}`);
    return hit ?? fail(`${type}/${parsed.id.slice(0, 64)} was not found in this import or an earlier one`);
  }
}

/** Maps every entry of the unit; returns the pending writes (bad and skipped entries are counted). */
export function classify(ctx: RequestContext, state: UnitState): Pending[] {
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const out: Pending[] = [];
  for (const entry of state.unit.entries) {
    if (entry.issue) {
      state.reject(entry, null, null, [entry.issue]);
      continue;
    }
    const r = entry.resource as Record<string, unknown>;
    const type = typeof r?.resourceType === 'string' ? r.resourceType : null;
    const id = typeof r?.id === 'string' ? r.id : null;
    const m = mapResource(r, { today });
    if (m.ok === 'skipped') state.bump(m.resourceType, 'skipped');
    else if (m.ok === false) state.reject(entry, type, id, m.issues);
    else {
      const sourceId = sourceIdOf(r, entry.fullUrl);
      if (!sourceId || !type) {
        state.reject(entry, type, null, [
          {
            expression: `${type}.id`,
            code: 'required',
            message: 'an id is required to keep the source identifier (re-imports update by it)',
          },
        ]);
        continue;
      }
      const hash = createHash('sha1').update(JSON.stringify(r)).digest('hex');
      out.push({ entry, type, sourceId, hash, write: m.write });
    }
  }
  return out;
}

/** Loads what earlier imports made of these resources and of everything they reference. */
export async function loadLinks(
  trx: DbOrTx,
  source: string,
  state: UnitState,
  pending: Pending[],
): Promise<void> {
  const ids = new Set<string>();
  for (const p of pending) {
    ids.add(p.sourceId);
    const w = p.write;
    for (const ref of [
      w.target === 'patient' ? undefined : w.patientRef,
      w.target === 'entry' ? w.encounterRef : undefined,
    ]) {
      const parsed = ref ? parseReference(ref, state.unit.fullUrls) : undefined;
      if (parsed) ids.add(parsed.id);
    }
  }
  const links = await findLinks(trx, source, [...ids]);
  const byKey = new Map(links.map((l) => [`${l.resource_type}/${l.source_id}`, l]));
  for (const l of links)
    state.resolved.set(`${l.resource_type}/${l.source_id}`, {
      targetId: l.target_id,
      patientId: l.patient_id,
    });
  for (const p of pending) {
    const link = byKey.get(`${p.type}/${p.sourceId}`);
    if (link) p.link = link;
  }
}

/**
 * Access for changes to patients already in the record: a re-import may not change a restricted record
 * the importing user could not open (the CLI operator is trusted like `migrate`). Refusals are audited.
 */
export async function refuseRestricted(
  ctx: RequestContext,
  trx: DbOrTx,
  state: UnitState,
  pending: Pending[],
): Promise<Pending[]> {
  if (!ctx.actor) return pending;
  const existing = pending.map(
    (p) =>
      state.resolved.get(`Patient/${patientSourceId(state, p)}`)?.targetId ??
      (p.type === 'Patient' ? p.link?.target_id : undefined),
  );
  const ids = existing.filter((x): x is string => !!x);
  if (ids.length === 0) return pending;
  const access = await patientAccess(ctx, trx, ids);
  const denied = new Set(ids.filter((id) => access.get(id) === 'restricted'));
  if (denied.size === 0) return pending;
  await recordDenied(ctx, {
    action: 'interop.import',
    patientIds: [...denied],
    details: { reason: 'restricted record' },
  });
  return pending.filter((p, i) => {
    const id = existing[i];
    if (!id || !denied.has(id)) return true;
    state.rejectPending(p, {
      expression: p.type,
      code: 'forbidden',
      message: "the patient's record is restricted; you may not change it",
    });
    return false;
  });
}

function patientSourceId(state: UnitState, p: Pending): string | undefined {
  if (p.write.target === 'patient') return p.sourceId;
  return parseReference(p.write.patientRef, state.unit.fullUrls)?.id;
}
