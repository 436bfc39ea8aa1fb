import { assertCanSeePatient, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { notFound } from '../kernel/errors.ts';
import { findEncounter } from './chart.queries.ts';
import { encounterDocuments, encounterEntriesOfKinds } from './encounter-items.queries.ts';
import type { EntryKind } from './entry-kinds.ts';
import { hiddenItems } from './labels.service.ts';

export interface EncounterItemEntry {
  id: string;
  kind: string;
  /** The entry's content; for a withheld entry only its status (no content). */
  data: Record<string, unknown>;
  created_at: Date;
  withheld: boolean;
}

export interface EncounterItemDocument {
  id: string;
  /** Empty for a withheld document. */
  title: string;
  document_type: string;
  service_date: string;
  media_type: string;
  withheld: boolean;
}

/**
 * The entries (of the given kinds) and documents of one encounter, for another domain's screen (the
 * coding screen, issue 7). The chart checks access to the patient, applies the sensitivity labels (an
 * item the actor may not see comes back as a marker without content, docs/disclosure.md) and audits the
 * read, inside the caller's transaction (issue 12: reads go through the owner).
 * @param purpose - what the caller shows it for, recorded on the audit event (e.g. 'coding')
 */
export async function encounterItems(
  ctx: RequestContext,
  trx: DbOrTx,
  encounterId: string,
  opts: { kinds: readonly EntryKind[]; purpose: string },
): Promise<{ patientId: string; entries: EncounterItemEntry[]; documents: EncounterItemDocument[] }> {
  const enc = await findEncounter(trx, encounterId);
  if (!enc) throw notFound('The encounter');
  await assertCanSeePatient(ctx, trx, enc.patient_id, 'chart:read');
  const [rows, docs, hidden] = await Promise.all([
    encounterEntriesOfKinds(trx, encounterId, opts.kinds),
    encounterDocuments(trx, encounterId),
    hiddenItems(ctx, trx, enc.patient_id),
  ]);
  const entries = rows.map((r) => {
    const data = (r.data ?? {}) as Record<string, unknown>;
    return hidden.has(r.id)
      ? { ...r, data: data.status === undefined ? {} : { status: data.status }, withheld: true }
      : { ...r, data, withheld: false };
  });
  const documents = docs.map((d) =>
    hidden.has(d.id) ? { ...d, title: '', withheld: true } : { ...d, withheld: false },
  );
  await recordAudit(trx, ctx, {
    action: 'chart.encounter.items.read',
    patientIds: [enc.patient_id],
    resourceType: 'chart_encounter',
    resourceId: encounterId,
    details: {
      purpose: opts.purpose,
      entries: entries.length,
      documents: documents.length,
      withheld: entries.filter((e) => e.withheld).length + documents.filter((d) => d.withheld).length,
    },
  });
  return { patientId: enc.patient_id, entries, documents };
}
