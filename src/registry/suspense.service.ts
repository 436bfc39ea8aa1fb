import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { AppError, notFound } from '../kernel/errors.ts';
import { getPatient, loadOut, type PatientOut } from '../patients/index.ts';
import {
  countSuspense,
  findSuspense,
  nextPatientIdNumber,
  nextTumourRecordNumber,
  resolveSuspense,
  type SuspenseRow,
  suspensePage,
} from './casefind.queries.ts';
import { currentDictionary } from './dictionary.service.ts';
import { actorName, auditRegistry, requireRegistry, visiblePatients } from './gate.ts';
import {
  findRegistryPatientByPatient,
  findTumour,
  insertRegistryPatient,
  insertTumour,
  insertTumourVersion,
} from './registry.queries.ts';

export interface SuspenseView {
  id: string;
  patientId: string;
  sourceKind: SuspenseRow['source_kind'];
  sourceId: string;
  reason: string;
  code: string | null;
  sourceDate: string | null;
  excerpt: string | null;
  foundAt: string;
  status: SuspenseRow['status'];
  tumourId: string | null;
  resolutionReason: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

const toView = (r: SuspenseRow): SuspenseView => ({
  id: r.id,
  patientId: r.patient_id,
  sourceKind: r.source_kind,
  sourceId: r.source_id,
  reason: r.reason,
  code: r.code,
  sourceDate: r.source_date,
  excerpt: r.excerpt,
  foundAt: r.found_at.toISOString(),
  status: r.status,
  tumourId: r.tumour_id,
  resolutionReason: r.resolution_reason,
  resolvedBy: r.resolved_by,
  resolvedAt: r.resolved_at?.toISOString() ?? null,
});

/** The suspense queue, a page at a time; hits of patients restricted to the caller are left out. */
export async function listSuspense(
  ctx: RequestContext,
  q: { status?: SuspenseRow['status']; patientId?: string; after?: string; limit: number },
): Promise<{ items: SuspenseView[]; total: number; next: string | null }> {
  await requireRegistry(ctx, 'registry:read');
  const rows = await suspensePage(ctx.db, q, q.after ?? null, q.limit);
  const visible = await visiblePatients(
    ctx,
    ctx.db,
    rows.map((r) => r.patient_id),
  );
  const shown = rows.filter((r) => visible.has(r.patient_id));
  await auditRegistry(
    ctx.db,
    ctx,
    'registry.suspense_list',
    shown.map((r) => r.patient_id),
    { count: shown.length },
  );
  return {
    items: shown.map(toView),
    total: await countSuspense(ctx.db, q),
    next: rows.length === q.limit ? (rows.at(-1)?.id ?? null) : null,
  };
}

const SEX: Record<string, string> = { M: '1', F: '2', U: '9' };
const cut = (s: string | null | undefined, n: number) => (s ? s.slice(0, n) : undefined);

/** Patient-level NAACCR items taken from the patient index (issue 14: "not typed twice"). */
export function patientItemsFrom(p: PatientOut): Record<string, string> {
  const items: Record<string, string | undefined> = {
    nameLast: cut(p.family, 40),
    nameFirst: cut(p.given, 40),
    nameMiddle: cut(p.middle, 40),
    dateOfBirth: p.birthDate.replace(/-/g, ''),
    sexAssignedAtBirth: SEX[p.sexAtBirth],
    vitalStatus: p.dateOfDeath ? '0' : '1',
  };
  return Object.fromEntries(Object.entries(items).filter(([, v]) => v)) as Record<string, string>;
}

/** Tumour-level items known when a case is opened: MRN, address at diagnosis, first contact. */
function tumourItemsFrom(p: PatientOut, hit: SuspenseRow): Record<string, string> {
  const a = p.address;
  const items: Record<string, string | undefined> = {
    medicalRecordNumber: cut(p.mrn, 15),
    addrAtDxNoStreet: cut(a?.line1, 60),
    addrAtDxCity: cut(a?.city, 50),
    addrAtDxState: a?.state && /^[A-Z]{2}$/.test(a.state) ? a.state : undefined,
    addrAtDxPostalCode: cut(a?.postalCode.replace(/\D/g, ''), 9),
    dateOf1stContact: hit.source_date?.replace(/-/g, ''),
  };
  return Object.fromEntries(Object.entries(items).filter(([, v]) => v)) as Record<string, string>;
}

async function openHit(ctx: RequestContext, trx: Parameters<typeof findSuspense>[0], id: string) {
  const hit = await findSuspense(trx, id, true);
  if (!hit) throw notFound('The suspense hit');
  const visible = await visiblePatients(ctx, trx, [hit.patient_id]);
  if (!visible.has(hit.patient_id)) throw notFound('The suspense hit');
  if (hit.status !== 'open')
    throw new AppError('REGISTRY_HIT_RESOLVED', `This hit was already resolved (${hit.status}).`, 409, {
      status: hit.status,
    });
  return hit;
}

/**
 * Accepts a hit as a new primary (issue 14): opens the patient's registry record when there is none
 * (demographics from the patient index) and a tumour abstract with the items known so far.
 */
export async function acceptHit(ctx: RequestContext, id: string): Promise<SuspenseView> {
  await requireRegistry(ctx, 'registry:write');
  const peek = await findSuspense(ctx.db, id);
  if (!peek) throw notFound('The suspense hit');
  const person = ctx.actor
    ? await getPatient(ctx, peek.patient_id)
    : await loadOut(ctx, ctx.db, peek.patient_id);
  const dict = await currentDictionary(ctx);
  return withTransaction(ctx.db, async (trx) => {
    const hit = await openHit(ctx, trx, id);
    const now = ctx.clock.now();
    const by = actorName(ctx);
    let rp = await findRegistryPatientByPatient(trx, hit.patient_id);
    if (!rp)
      rp = await insertRegistryPatient(trx, {
        patient_id: hit.patient_id,
        patient_id_number: await nextPatientIdNumber(trx),
        items: patientItemsFrom(person),
        created_at: now,
        updated_at: now,
      });
    const record = await nextTumourRecordNumber(trx, rp.id);
    const items = tumourItemsFrom(person, hit);
    const t = await insertTumour(trx, {
      registry_patient_id: rp.id,
      patient_id: hit.patient_id,
      tumor_record_number: record,
      dictionary_version: dict.version,
      items,
      status: 'abstracting',
      primary_decision: null,
      source: `casefinding:${hit.source_kind}`,
      created_by: by,
      created_at: now,
      updated_by: by,
      updated_at: now,
    });
    await insertTumourVersion(trx, t, Object.keys(items), by, now);
    const done = await resolveSuspense(trx, id, {
      status: 'accepted',
      tumour_id: t.id,
      resolution_reason: null,
      resolved_by: by,
      resolved_at: now,
    });
    await auditRegistry(
      trx,
      ctx,
      'registry.hit_accept',
      [hit.patient_id],
      { hit: id },
      { type: 'RegistryTumour', id: t.id },
    );
    return toView(done);
  });
}

/** Marks a hit not reportable, with the registrar's reason. */
export async function markNotReportable(
  ctx: RequestContext,
  id: string,
  reason: string,
): Promise<SuspenseView> {
  await requireRegistry(ctx, 'registry:write');
  return withTransaction(ctx.db, async (trx) => {
    const hit = await openHit(ctx, trx, id);
    const done = await resolveSuspense(trx, id, {
      status: 'not_reportable',
      tumour_id: null,
      resolution_reason: reason,
      resolved_by: actorName(ctx),
      resolved_at: ctx.clock.now(),
    });
    await auditRegistry(trx, ctx, 'registry.hit_not_reportable', [hit.patient_id], { hit: id });
    return toView(done);
  });
}

/** Merges a hit into an existing tumour of the same patient (the same primary found again). */
export async function mergeHit(ctx: RequestContext, id: string, tumourId: string): Promise<SuspenseView> {
  await requireRegistry(ctx, 'registry:write');
  return withTransaction(ctx.db, async (trx) => {
    const hit = await openHit(ctx, trx, id);
    const t = await findTumour(trx, tumourId);
    if (!t) throw notFound('The tumour');
    if (t.patient_id !== hit.patient_id)
      throw new AppError('REGISTRY_MERGE_OTHER_PATIENT', 'The tumour belongs to another patient.', 409);
    const done = await resolveSuspense(trx, id, {
      status: 'merged',
      tumour_id: t.id,
      resolution_reason: null,
      resolved_by: actorName(ctx),
      resolved_at: ctx.clock.now(),
    });
    await auditRegistry(
      trx,
      ctx,
      'registry.hit_merge',
      [hit.patient_id],
      { hit: id },
      { type: 'RegistryTumour', id: t.id },
    );
    return toView(done);
  });
}
