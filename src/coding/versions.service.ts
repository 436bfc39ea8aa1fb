import type { RequestContext } from '../kernel/context.ts';
import { findVersion, listVersions, versionCodes } from './coding.queries.ts';
import type { CodeVersion } from './coding.schemas.ts';
import { diffCodeSets, type VersionDiff } from './diff.ts';
import { CodingErrors } from './errors.ts';

/** Every loaded code-set version with its counts, newest first within a system. */
export async function listCodeVersions(ctx: RequestContext): Promise<CodeVersion[]> {
  const rows = await listVersions(ctx.db);
  return rows.map((r) => ({
    system: r.system,
    version: r.version,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    source: r.source_name,
    billable: r.billable_count,
    headers: r.header_count,
    loadedAt: r.loaded_at.toISOString(),
  }));
}

/** Added, deleted and revised codes between two loaded versions of a system. */
export async function diffVersions(
  ctx: RequestContext,
  system: string,
  from: string,
  to: string,
): Promise<VersionDiff> {
  for (const v of [from, to]) {
    if (!(await findVersion(ctx.db, system, v))) throw CodingErrors.versionNotFound(system, v);
  }
  const [a, b] = await Promise.all([versionCodes(ctx.db, system, from), versionCodes(ctx.db, system, to)]);
  return diffCodeSets(a, b);
}
