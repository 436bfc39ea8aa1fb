import type { DbOrTx } from '../kernel/db.ts';
import { codesKnown, systemLoaded } from './coding.queries.ts';

/** ICD-O-3 codes known to the loaded code sets (reference data, no patient data). */
export interface Icdo3Known {
  /** False when ICD-O-3 is not loaded: callers check the code format only. */
  loaded: boolean;
  /** Topography codes without the dot (C504). */
  sites: Set<string>;
  /** Morphology codes as histology + behaviour (85003). */
  morphologies: Set<string>;
}

/**
 * Which of these ICD-O-3 topography and morphology codes exist in the loaded ICD-O-3 (issue 14 registry edits
 * read the ICD-O-3 lists through here).
 */
export async function icdo3Known(db: DbOrTx, sites: string[], morphologies: string[]): Promise<Icdo3Known> {
  const [topoLoaded, morphLoaded] = await Promise.all([
    systemLoaded(db, 'icdo3-topo'),
    systemLoaded(db, 'icdo3-morph'),
  ]);
  const [s, m] = await Promise.all([
    topoLoaded ? codesKnown(db, 'icdo3-topo', sites) : new Set<string>(),
    morphLoaded ? codesKnown(db, 'icdo3-morph', morphologies) : new Set<string>(),
  ]);
  return { loaded: topoLoaded && morphLoaded, sites: s, morphologies: m };
}
