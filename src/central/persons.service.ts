import type { RequestContext } from '../kernel/context.ts';
import { auditCentral, requireCentral } from './gate.ts';
import { centralCounts, personsWithRecords } from './linkage.queries.ts';

export interface PersonSummary {
  personId: string;
  records: { source: string; patientIdNumber: string }[];
  tumours: number;
}

/**
 * Every registry person with the source records linked to it (issue 16 `central persons`). A record in
 * clerical review is linked to no one yet, so it appears under no person.
 */
export async function registryPersons(ctx: RequestContext): Promise<PersonSummary[]> {
  await requireCentral(ctx, 'registry:read');
  const rows = await personsWithRecords(ctx.db);
  await auditCentral(ctx.db, ctx, 'central.person_list', { count: rows.length });
  return rows.map((r) => ({ personId: r.personId, records: r.records, tumours: Number(r.tumours) }));
}

export interface CentralStats {
  sources: number;
  submissions: number;
  /** Current records (superseded and deleted ones not counted). */
  records: number;
  persons: number;
  tumours: number;
  reviewPending: number;
}

/** Counts of the central registry (issue 16 `central stats`); no patient data, so not audited per read. */
export async function centralStats(ctx: RequestContext): Promise<CentralStats> {
  await requireCentral(ctx, 'registry:read');
  const c = await centralCounts(ctx.db);
  return {
    sources: Number(c.sources),
    submissions: Number(c.submissions),
    records: Number(c.records),
    persons: Number(c.persons),
    tumours: Number(c.tumours),
    reviewPending: Number(c.reviewPending),
  };
}
