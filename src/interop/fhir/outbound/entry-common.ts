import type { Encounter } from '@medplum/fhirtypes';
import type { ChartEntry } from '../../../chart/index.ts';
import { metaOf, ref } from './common.ts';

/** The entry's fields as stored (validated on write by the per-kind schema in src/chart/entry-kinds.ts). */
export const dataOf = <T>(e: ChartEntry): T => e.data as T;

/** meta, subject/patient and encounter references every entry-derived resource carries. */
export function entryFrame(e: ChartEntry) {
  return { id: e.id, meta: metaOf(e), encounter: ref<Encounter>('Encounter', e.encounterId) };
}
