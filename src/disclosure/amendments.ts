import { amendmentsForEntries } from '../completeness/index.ts';
import type { DbOrTx } from '../kernel/db.ts';
import type { TravellingAmendment } from './packet-content.ts';

/**
 * Amendments and statements of disagreement that must accompany later disclosures of the entries they
 * concern (45 CFR 164.526(c)(3) accepted amendments; 164.526(d)(5) a denied request with the statement of
 * disagreement, the denial and any rebuttal). Chart completion keeps them; this maps them per entry.
 */
export async function amendmentsFor(
  db: DbOrTx,
  patientId: string,
  entryIds: string[],
): Promise<TravellingAmendment[]> {
  if (entryIds.length === 0) return [];
  const wanted = new Set(entryIds);
  const out: TravellingAmendment[] = [];
  for (const a of await amendmentsForEntries(db, patientId, entryIds)) {
    const date = (a.decidedAt ?? a.receivedOn).slice(0, 10);
    const notes: Omit<TravellingAmendment, 'entryId'>[] =
      a.status === 'accepted'
        ? [{ kind: 'amendment', text: a.amendmentText ?? a.requestText, date }]
        : [
            {
              kind: 'amendment request (denied)',
              text: `${a.requestText} Basis for denial: ${a.denialBasis ?? 'not recorded'}`,
              date,
            },
          ];
    for (const s of a.statements)
      notes.push({ kind: `statement of ${s.kind}`, text: s.text, date: s.recordedAt.slice(0, 10) });
    for (const entryId of a.entryIds.filter((id) => wanted.has(id)))
      for (const n of notes) out.push({ entryId, ...n });
  }
  return out;
}
