import { readFile } from 'node:fs/promises';
import type { DbOrTx } from '../kernel/db.ts';
import { blobPath } from './blob-store.ts';
import { allEntries, listDocuments, listEncounters } from './chart.queries.ts';
import type { ChartDocument, ChartEntry, Encounter } from './chart.schemas.ts';
import { documentToApi, encounterToApi, entryToApi } from './chart-mappers.ts';
import { itemLabelsOf } from './labels.service.ts';

/** Everything in a patient's chart a release packet may draw on, with each item's sensitivity labels. */
export interface ChartForRelease {
  encounters: Encounter[];
  entries: ChartEntry[];
  documents: ChartDocument[];
  labels: Map<string, string[]>;
}

/**
 * Loads the whole chart for release-of-information fulfilment. The caller (disclosure) has already
 * checked access to the patient and decides, item by item, what may leave under the authorization; it
 * writes the audit event in the same transaction.
 */
export async function chartForRelease(db: DbOrTx, patientId: string): Promise<ChartForRelease> {
  const [entries, encounters, documents, labels] = await Promise.all([
    allEntries(db, patientId),
    listEncounters(db, patientId, 100_000, 0),
    listDocuments(db, patientId, 100_000, 0),
    itemLabelsOf(db, patientId),
  ]);
  return {
    entries: entries.map(entryToApi),
    encounters: encounters.rows.map(encounterToApi),
    documents: documents.rows.map(documentToApi),
    labels,
  };
}

/** The bytes of a stored document (for embedding in a packet); the blob store is content-addressed. */
export const readDocumentBytes = (dataDir: string, sha256: string): Promise<Buffer> =>
  readFile(blobPath(dataDir, sha256));
