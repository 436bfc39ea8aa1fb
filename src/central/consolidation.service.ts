import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import type { CentralTumourReportTable, CentralTumourTable } from './central.tables.ts';
import {
  dirtyPersons,
  recordsOfPersons,
  replaceTumours,
  setPersonItems,
  tumourAssignments,
} from './consolidation.queries.ts';
import {
  consolidatePatient,
  consolidateTumour,
  groupTumours,
  type PatientReport,
  type TumourReport,
} from './consolidation.ts';

const BATCH = 200;

/**
 * Rebuilds the consolidated record of every person whose links changed (`dirty`), a batch per
 * transaction (resumable: a person stays dirty until its batch commits). A tumour keeps its id while any
 * report it was built from is still part of it.
 * @returns the number of persons consolidated
 */
export async function consolidateDirty(ctx: RequestContext): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await withTransaction(ctx.db, async (trx) => {
      const ids = (await dirtyPersons(trx, BATCH)).map((p) => p.id);
      if (ids.length === 0) return 0;
      const now = ctx.clock.now();
      const records = await recordsOfPersons(trx, ids);
      const kept = new Map(
        (await tumourAssignments(trx, ids)).map((a) => [`${a.record_id}|${a.tumour_index}`, a.tumour_id]),
      );
      const tumours: Insertable<CentralTumourTable>[] = [];
      const reports: Insertable<CentralTumourReportTable>[] = [];
      for (const id of ids) {
        const mine = records.filter((r) => r.person_id === id);
        const patient: PatientReport[] = mine.map((r) => ({
          recordId: r.id,
          source: r.code,
          receivedAt: r.received_at,
          items: r.items,
          reportingTypes: r.tumours.map((t) => t.typeOfReportingSource ?? ''),
        }));
        const tr: TumourReport[] = mine.flatMap((r) =>
          r.tumours.map((items, i) => ({
            recordId: r.id,
            tumourIndex: i,
            source: r.code,
            receivedAt: r.received_at,
            items,
          })),
        );
        const used = new Set<string>();
        for (const group of groupTumours(tr)) {
          const prior = group
            .map((g) => kept.get(`${g.recordId}|${g.tumourIndex}`))
            .find((x) => x && !used.has(x));
          const tumourId = prior ?? randomUUID();
          used.add(tumourId);
          const items = consolidateTumour(group);
          tumours.push({
            person_id: id,
            id: tumourId,
            primary_site: items.primarySite?.value ?? null,
            histology: items.histologicTypeIcdO3?.value ?? null,
            laterality: items.laterality?.value ?? null,
            diagnosis_date: items.dateOfDiagnosis?.value ?? null,
            items,
            created_at: now,
            consolidated_at: now,
          });
          for (const g of group)
            reports.push({
              person_id: id,
              tumour_id: tumourId,
              record_id: g.recordId,
              tumour_index: g.tumourIndex,
            });
        }
        await setPersonItems(trx, id, consolidatePatient(patient), now);
      }
      await replaceTumours(trx, ids, tumours, reports);
      return ids.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}
