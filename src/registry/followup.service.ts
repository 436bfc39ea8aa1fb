import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { AppError, notFound } from '../kernel/errors.ts';
import { dictionaryFor } from './dictionary.service.ts';
import {
  type ContactRow,
  contactsOf,
  findLetter,
  followupPatientsPage,
  insertContact,
  lastLetterDates,
  lockRegistryPatient,
} from './followup.queries.ts';
import {
  type DueItem,
  dueItem,
  type FollowupPatient,
  type FollowupRate,
  followupRate,
  isoDay,
  naaccrDate,
  toNaaccrDate,
} from './followup.ts';
import { actorName, auditRegistry, requireRegistry, visiblePatients } from './gate.ts';
import {
  findRegistryPatient,
  insertTumourVersion,
  tumoursOfRegistryPatient,
  updateRegistryPatientItems,
  updateTumourRow,
} from './registry.queries.ts';

const PAGE = 1000;
const DAY = 86_400_000;

/** Every registry patient with the follow-up items, a page at a time, without the ones restricted to the caller. */
async function* followupPatients(ctx: RequestContext, db: DbOrTx): AsyncGenerator<FollowupPatient[]> {
  let after: string | null = null;
  for (;;) {
    const page = await followupPatientsPage(db, after, PAGE);
    if (page.length === 0) return;
    after = page[page.length - 1]?.registryPatientId ?? null;
    const linked = page.flatMap((p) => (p.patientId ? [p.patientId] : []));
    const visible = await visiblePatients(ctx, db, linked);
    yield page.filter((p) => !p.patientId || visible.has(p.patientId));
    if (page.length < PAGE) return;
  }
}

export interface DueList {
  asOf: string;
  /** Patients on the list (due, upcoming within the look-ahead, or lost). */
  total: number;
  due: number;
  lost: number;
  items: (DueItem & { lastLetterAt: string | null })[];
}

/**
 * The active follow-up due list (issue 14 "a due list (annual, from the diagnosis anniversary)"): living,
 * analytic patients whose next diagnosis anniversary after the last contact falls on or before `asOf` plus
 * `withinDays`, most overdue first; `lost` marks no contact for 15 months (src/registry/followup.ts).
 * Needs registry:read; audited once with the patients listed (the count only past 1,000).
 */
export async function followupDue(
  ctx: RequestContext,
  q: { asOf?: string; withinDays?: number; state?: DueItem['state']; offset?: number; limit?: number } = {},
): Promise<DueList> {
  await requireRegistry(ctx, 'registry:read');
  const asOf = q.asOf ? new Date(`${q.asOf}T00:00:00Z`) : new Date(`${isoDay(ctx.clock.now())}T00:00:00Z`);
  return withTransaction(ctx.db, async (trx) => {
    const all: DueItem[] = [];
    for await (const page of followupPatients(ctx, trx))
      for (const p of page) {
        const d = dueItem(p, asOf, q.withinDays ?? 0);
        if (d) all.push(d);
      }
    all.sort((a, b) => b.daysOverdue - a.daysOverdue || a.patientIdNumber.localeCompare(b.patientIdNumber));
    const filtered = q.state ? all.filter((d) => d.state === q.state) : all;
    const offset = q.offset ?? 0;
    const page = filtered.slice(offset, q.limit === undefined ? undefined : offset + q.limit);
    const letters = await lastLetterDates(
      trx,
      page.map((d) => d.registryPatientId),
    );
    const patientIds = page.flatMap((d) => (d.patientId ? [d.patientId] : []));
    await auditRegistry(trx, ctx, 'registry.followup_due', patientIds.length <= 1000 ? patientIds : [], {
      asOf: isoDay(asOf),
      shown: page.length,
      total: filtered.length,
    });
    return {
      asOf: isoDay(asOf),
      total: filtered.length,
      due: all.filter((d) => d.state !== 'upcoming').length,
      lost: all.filter((d) => d.state === 'lost').length,
      items: page.map((d) => ({
        ...d,
        lastLetterAt: letters.get(d.registryPatientId)?.toISOString() ?? null,
      })),
    };
  });
}

/**
 * The CoC-style follow-up rate (issue 14) for all analytic cases and for those diagnosed in the last five
 * years (reference §8: targets 80 % and 90 %), with the lost cases that pull each down. Needs registry:read.
 */
export async function followupRates(
  ctx: RequestContext,
  q: { asOf?: string } = {},
): Promise<{ asOf: string; all: FollowupRate; lastFiveYears: FollowupRate }> {
  await requireRegistry(ctx, 'registry:read');
  const asOf = q.asOf ? new Date(`${q.asOf}T00:00:00Z`) : ctx.clock.now();
  return withTransaction(ctx.db, async (trx) => {
    const patients: FollowupPatient[] = [];
    for await (const page of followupPatients(ctx, trx)) patients.push(...page);
    const all = followupRate(patients, asOf);
    const lastFiveYears = followupRate(patients, asOf, asOf.getUTCFullYear() - 4);
    await auditRegistry(trx, ctx, 'registry.followup_rate', [], { asOf: isoDay(asOf), cases: all.eligible });
    return { asOf: isoDay(asOf), all, lastFiveYears };
  });
}

export interface ContactInput {
  contactDate: string;
  vitalStatus: '0' | '1';
  cancerStatus?: '1' | '2' | '9';
  followUpSource: string;
  causeOfDeath?: string;
  sourceKind: 'letter_reply' | 'phone' | 'chart_review' | 'other';
  letterId?: string;
  note?: string;
}

export interface ContactView {
  id: string;
  registryPatientId: string;
  contactDate: string;
  vitalStatus: '0' | '1';
  cancerStatus: string | null;
  followUpSource: string;
  causeOfDeath: string | null;
  sourceKind: string;
  letterId: string | null;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

export const contactView = (c: ContactRow): ContactView => ({
  id: c.id,
  registryPatientId: c.registry_patient_id,
  contactDate: c.contact_date,
  vitalStatus: c.vital_status,
  cancerStatus: c.cancer_status,
  followUpSource: c.follow_up_source,
  causeOfDeath: c.cause_of_death,
  sourceKind: c.source_kind,
  letterId: c.letter_id,
  note: c.note,
  recordedBy: c.recorded_by,
  recordedAt: c.recorded_at.toISOString(),
});

const invalidContact = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, 422, details);

/** Refuses a contact that breaks the date order edit (birth ≤ diagnosis ≤ last contact) or the calendar. */
function checkContactDates(
  input: ContactInput,
  patientItems: Record<string, string>,
  tumours: { items: Record<string, string> }[],
  today: Date,
): void {
  const at = new Date(`${input.contactDate}T00:00:00Z`);
  if (at.getTime() > today.getTime() + DAY - 1)
    throw invalidContact(
      'REGISTRY_CONTACT_IN_FUTURE',
      'The contact date is in the future; give the day the contact happened.',
    );
  const birth = naaccrDate(patientItems.dateOfBirth);
  if (birth && at < birth)
    throw invalidContact(
      'REGISTRY_CONTACT_DATE_ORDER',
      'The contact date is before the date of birth (#240).',
    );
  const dx = tumours
    .flatMap((t) => naaccrDate(t.items.dateOfDiagnosis) ?? [])
    .sort((a, b) => a.getTime() - b.getTime())[0];
  if (dx && at < dx)
    throw invalidContact(
      'REGISTRY_CONTACT_DATE_ORDER',
      `The contact date is before the date of diagnosis (#390, ${isoDay(dx)}); date of last contact (#1750) must not be earlier.`,
    );
}

/**
 * Records a follow-up contact (issue 14 "replies recorded"): appended to the patient's contact history;
 * when it is the latest contact it sets #1750 Date of Last Contact, #1760 Vital Status, #1910 Cause of Death
 * (0000 alive) and #1920 ICD Revision Number on the patient, and #1770 Cancer Status, #1772 Date of Last
 * Cancer Status and #1790 Follow-Up Source on each tumour (versioned, where the tumour's dictionary has the
 * item). A contact older than the last one is kept in the history and changes no item. A contact saying
 * alive after a recorded death is refused. Needs registry:write; audited.
 */
export async function recordContact(
  ctx: RequestContext,
  registryPatientId: string,
  input: ContactInput,
): Promise<{
  contact: ContactView;
  applied: boolean;
  dateOfLastContact: string | null;
  vitalStatus: string | null;
}> {
  await requireRegistry(ctx, 'registry:write');
  return withTransaction(ctx.db, async (trx) => {
    const rp = await lockRegistryPatient(trx, registryPatientId);
    if (!rp || (rp.patient_id && !(await visiblePatients(ctx, trx, [rp.patient_id])).has(rp.patient_id)))
      throw notFound('The registry patient');
    const tumours = await tumoursOfRegistryPatient(trx, rp.id);
    checkContactDates(input, rp.items, tumours, ctx.clock.now());
    if (input.letterId) {
      const letter = await findLetter(trx, input.letterId);
      if (!letter || letter.registry_patient_id !== rp.id)
        throw invalidContact('REGISTRY_LETTER_OTHER_PATIENT', 'That letter was not sent about this patient.');
    }
    const last = naaccrDate(rp.items.dateOfLastContact);
    const at = new Date(`${input.contactDate}T00:00:00Z`);
    const applied = !last || at >= last;
    if (applied && rp.items.vitalStatus === '0' && input.vitalStatus === '1')
      throw new AppError(
        'REGISTRY_PATIENT_DECEASED',
        `The patient's death is recorded (last contact ${rp.items.dateOfLastContact}); a later contact cannot say alive. Check the person, or correct the death first.`,
        409,
      );
    const now = ctx.clock.now();
    const by = actorName(ctx);
    const contact = await insertContact(trx, {
      registry_patient_id: rp.id,
      patient_id: rp.patient_id,
      contact_date: input.contactDate,
      vital_status: input.vitalStatus,
      cancer_status: input.cancerStatus ?? null,
      follow_up_source: input.followUpSource,
      cause_of_death: input.vitalStatus === '0' ? (input.causeOfDeath ?? null) : null,
      source_kind: input.sourceKind,
      source_id: null,
      letter_id: input.letterId ?? null,
      note: input.note ?? null,
      recorded_by: by,
      recorded_at: now,
    });
    let items = rp.items;
    if (applied) {
      items = await applyContactItems(ctx, trx, rp, tumours, input, by, now);
    }
    await auditRegistry(
      trx,
      ctx,
      'registry.followup_contact',
      rp.patient_id ? [rp.patient_id] : [],
      { applied, source: input.sourceKind },
      { type: 'RegistryPatient', id: rp.id },
    );
    return {
      contact: contactView(contact),
      applied,
      dateOfLastContact: items.dateOfLastContact ?? null,
      vitalStatus: items.vitalStatus ?? null,
    };
  });
}

/**
 * Sets the follow-up items a contact gives (see recordContact) on the patient and each tumour (a tumour
 * version each), for a contact the caller has decided is the latest. Also used by passive follow-up.
 */
export async function applyContactItems(
  ctx: RequestContext,
  trx: DbOrTx,
  rp: { id: string; items: Record<string, string> },
  tumours: Awaited<ReturnType<typeof tumoursOfRegistryPatient>>,
  input: Pick<
    ContactInput,
    'contactDate' | 'vitalStatus' | 'cancerStatus' | 'followUpSource' | 'causeOfDeath'
  >,
  by: string,
  now: Date,
): Promise<Record<string, string>> {
  const dead = input.vitalStatus === '0';
  const items: Record<string, string> = {
    ...rp.items,
    dateOfLastContact: toNaaccrDate(input.contactDate),
    vitalStatus: input.vitalStatus,
    // #1910: 0000 for a living patient; #1920: 0 alive, 1 ICD-10 (the cause is coded in ICD-10).
    causeOfDeath: dead ? (input.causeOfDeath ?? '7777') : '0000',
    icdRevisionNumber: dead ? '1' : '0',
  };
  await updateRegistryPatientItems(trx, rp.id, items, now);
  for (const t of tumours) {
    const dict = await dictionaryFor(ctx, t.dictionary_version);
    const set: Record<string, string> = { followUpSource: input.followUpSource };
    if (input.cancerStatus) {
      set.cancerStatus = input.cancerStatus;
      set.dateOfLastCancerStatus = toNaaccrDate(input.contactDate);
    }
    const changed = Object.keys(set).filter((k) => dict.items.has(k) && t.items[k] !== set[k]);
    if (changed.length === 0) continue;
    const next = { ...t.items, ...Object.fromEntries(changed.map((k) => [k, set[k] as string])) };
    const saved = await updateTumourRow(trx, t.id, { items: next, updated_by: by, updated_at: now });
    await insertTumourVersion(trx, saved, changed.sort(), by, now);
  }
  return items;
}

/** A registry patient's contact history, newest first (registry:read, audited). */
export async function contactHistory(
  ctx: RequestContext,
  registryPatientId: string,
): Promise<{ items: ContactView[] }> {
  await requireRegistry(ctx, 'registry:read');
  return withTransaction(ctx.db, async (trx) => {
    const rp = await findRegistryPatient(trx, registryPatientId).catch(() => undefined);
    if (!rp || (rp.patient_id && !(await visiblePatients(ctx, trx, [rp.patient_id])).has(rp.patient_id)))
      throw notFound('The registry patient');
    const rows = await contactsOf(trx, rp.id);
    await auditRegistry(
      trx,
      ctx,
      'registry.followup_history',
      rp.patient_id ? [rp.patient_id] : [],
      undefined,
      {
        type: 'RegistryPatient',
        id: rp.id,
      },
    );
    return { items: rows.map(contactView) };
  });
}
