import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { bulkErrors } from './errors.ts';
import type { InputFile } from './read-input.ts';

const IMPORTABLE = /\.(nd)?json(\.gz)?$/i;
/** The Bulk Data client's export log (bulk-data-client wiki) holds no resources. */
const EXPORT_LOG = /^log\.ndjson(\.gz)?$/i;

/** Files of types others point at go first, so references resolve in one pass (Bulk Data NDJSON per type). */
function rank(name: string): number {
  if (/^Patient[._]/.test(name)) return 0;
  if (/^Encounter[._]/.test(name)) return 1;
  return 2;
}

/**
 * Expands the command line's files and folders into the files to import, in import order: patients,
 * then encounters, then the rest by name. Folders contribute their .json/.ndjson(.gz) files.
 */
export async function collectInputs(paths: string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    const s = await stat(abs).catch(() => undefined);
    if (!s) throw bulkErrors.notAFile(p);
    if (s.isDirectory()) {
      const names = (await readdir(abs)).filter((n) => IMPORTABLE.test(n) && !EXPORT_LOG.test(n));
      out.push(...names.map((n) => ({ path: path.join(abs, n), name: n })));
    } else out.push({ path: abs, name: path.basename(abs) });
  }
  return out.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}
