import { assertCanSeePatient, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { notFound } from '../kernel/errors.ts';
import { bannerRestriction } from '../patients/index.ts';
import {
  allEntries,
  type EntryRow,
  findPatient,
  findPatientIdByMrn,
  listDocuments,
  listEncounters,
} from './chart.queries.ts';
import type { Banner, ChartEntry } from './chart.schemas.ts';
import { documentToApi, encounterToApi, entryToApi } from './chart-mappers.ts';
import { COLLECTIONS, type Collection } from './entry-kinds.ts';
import { hiddenItems } from './labels.service.ts';

/**
 * "Not asked" (nothing recorded), "no known allergies" (stated, and no active allergy since), or allergies.
 * The difference matters clinically: NKA is an answer, silence is not (issue 4).
 */
export function allergyStatus(
  entries: Pick<EntryRow, 'kind' | 'entered_in_error' | 'data'>[],
): Banner['allergyStatus'] {
  const live = entries.filter((e) => !e.entered_in_error);
  if (live.some((e) => e.kind === 'allergy' && e.data.status === 'active')) return 'has_allergies';
  if (live.some((e) => e.kind === 'allergy_assertion')) return 'no_known_allergies';
  return 'not_asked';
}

async function banner(db: DbOrTx, patientId: string, entries: EntryRow[]): Promise<Banner> {
  const p = await findPatient(db, patientId);
  if (!p) throw notFound('The patient');
  return {
    patientId: p.id,
    mrn: p.mrn,
    familyName: p.family_name,
    givenName: p.given_name,
    birthDate: p.birth_date,
    sexAtBirth: p.sex_at_birth,
    allergyStatus: allergyStatus(entries),
    ...(await bannerRestriction(db, patientId)),
  };
}

/** The patient banner the chart screens show (name, MRN, date of birth, allergy status). */
export async function getBanner(ctx: RequestContext, patientId: string): Promise<Banner> {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'chart:read');
    const entries = (await allEntries(trx, patientId)).filter((e) => e.kind.startsWith('allergy'));
    const b = await banner(trx, patientId, entries);
    await recordAudit(trx, ctx, {
      action: 'chart.banner.read',
      patientIds: [patientId],
      resourceType: 'patient',
      resourceId: patientId,
    });
    return b;
  });
}

/** The whole chart in one read: every collection, encounters and documents (one audit event). */
export async function getChartSummary(ctx: RequestContext, patientId: string) {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'chart:read');
    // Entries and documents under a sensitivity label the actor may not see are left out (issue 6).
    const hidden = await hiddenItems(ctx, trx, patientId);
    const entries = (await allEntries(trx, patientId)).filter((e) => !hidden.has(e.id));
    const b = await banner(trx, patientId, entries);
    const [encounters, documents] = await Promise.all([
      listEncounters(trx, patientId, 1000, 0),
      listDocuments(trx, patientId, 1000, 0, [...hidden]),
    ]);
    const collections = Object.fromEntries(
      Object.entries(COLLECTIONS).map(([c, kinds]) => [
        c,
        entries.filter((e) => (kinds as readonly string[]).includes(e.kind)).map(entryToApi),
      ]),
    ) as Record<Collection, ChartEntry[]>;
    await recordAudit(trx, ctx, {
      action: 'chart.summary.read',
      patientIds: [patientId],
      resourceType: 'patient',
      resourceId: patientId,
      details: { entries: entries.length, encounters: encounters.rows.length },
    });
    return {
      banner: b,
      collections,
      encounters: encounters.rows.map(encounterToApi),
      documents: documents.rows.map(documentToApi),
    };
  });
}

/**
 * Opens a chart by exact MRN (sent in a POST body: identifiers stay out of logged URLs, DESIGN invariant 5).
 * The patient index owns search; this is the chart screens' own way in until the face sheet links here.
 */
export async function lookupChart(ctx: RequestContext, mrn: string): Promise<{ patientId: string }> {
  return withTransaction(ctx.db, async (trx) => {
    const patientId = await findPatientIdByMrn(trx, mrn.trim().toUpperCase());
    if (!patientId) throw notFound('No patient with that MRN');
    await assertCanSeePatient(ctx, trx, patientId, 'chart:read');
    await recordAudit(trx, ctx, {
      action: 'chart.lookup',
      patientIds: [patientId],
      resourceType: 'patient',
      resourceId: patientId,
    });
    return { patientId };
  });
}
