import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestContext } from '../kernel/context.ts';
import { findVersion, listVersions } from './coding.queries.ts';
import { type ImportSummary, importCodeFile } from './import.service.ts';
import { readCodeFile } from './loaders/read-file.ts';

const SAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'sample');

/** The shipped sample (real CMS lines, public domain; see sample/README.md). */
const SAMPLES = [
  { kind: 'icd10cm', version: 'FY2026', file: 'icd10cm-fy2026-sample.txt' },
  { kind: 'icd10pcs', version: 'FY2026', file: 'icd10pcs-fy2026-sample.txt' },
  { kind: 'hcpcs', version: '2020', file: 'hcpcs-2020-sample.txt' },
] as const;

export const SAMPLE_SOURCE_PREFIX = 'sample:';

/**
 * Loads the shipped sample code sets. A version already loaded from an official file is left alone, so
 * the sample never overwrites real data.
 */
export async function importSample(ctx: RequestContext): Promise<ImportSummary[]> {
  const out: ImportSummary[] = [];
  for (const s of SAMPLES) {
    const existing = await findVersion(ctx.db, s.kind, s.version);
    if (existing && !existing.source_name.startsWith(SAMPLE_SOURCE_PREFIX)) continue;
    const { text, checksum } = await readCodeFile(path.join(SAMPLE_DIR, s.file));
    out.push(
      await importCodeFile(ctx, {
        kind: s.kind,
        version: s.version,
        text,
        checksum,
        sourceName: `${SAMPLE_SOURCE_PREFIX}${s.file}`,
      }),
    );
  }
  return out;
}

/**
 * Seeds the sample when no code set is loaded at all, so a fresh install can search codes at once.
 * Kept out of migrations on purpose: schema migrations and data loads stay apart (CONVENTIONS 13).
 */
export async function seedSampleIfEmpty(ctx: RequestContext): Promise<boolean> {
  if ((await listVersions(ctx.db)).length > 0) return false;
  await importSample(ctx);
  return true;
}
