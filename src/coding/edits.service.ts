import type { RequestContext } from '../kernel/context.ts';
import type { CodedEncounter } from './coding.schemas.ts';
import {
  type CodeFact,
  type EditFacts,
  type Finding,
  placeholderCandidate,
  runAllEdits,
} from './edits/index.ts';
import { norm } from './edits/types.ts';
import { hasPoaExemptList, mueFor, poaExemptAmong, ptpPairsAmong } from './edits.queries.ts';
import { billableDescendants, codesIn, versionsContaining } from './search.queries.ts';
import { coversDate } from './search.service.ts';
import { versionInForce } from './version-cache.ts';

const CHILDREN_SUGGESTED = 5;

/**
 * Runs the coding edits on a draft: looks up every fact the edits need (codes in the version in force
 * on the date of service, POA-exempt list, NCCI tables) in a handful of queries, then runs the pure edits.
 */
export async function runEdits(ctx: RequestContext, e: CodedEncounter): Promise<Finding[]> {
  const bySystem = new Map<string, string[]>([['icd10cm', e.diagnoses.map((d) => norm(d.code))]]);
  for (const p of e.procedures) bySystem.set(p.system, [...(bySystem.get(p.system) ?? []), norm(p.code)]);
  const facts: EditFacts = {
    inForce: {},
    otherVersions: {},
    systemsNotLoaded: new Set(),
    poaExempt: null,
    ptp: [],
    mue: [],
  };
  let cmVersion: string | undefined;
  // Systems are independent: look them up concurrently.
  await Promise.all(
    [...bySystem].map(async ([system, codes]) => {
      if (codes.length === 0) return;
      const v = await versionInForce(ctx.db, system, e.dateOfService);
      if (!v) {
        facts.systemsNotLoaded.add(system);
        return;
      }
      const inForce = coversDate(v, e.dateOfService);
      if (inForce && system === 'icd10cm') cmVersion = v.version;
      const found = inForce
        ? await loadFacts(ctx, { system, version: v.version }, codes)
        : new Map<string, CodeFact>();
      facts.inForce[system] = found;
      const elsewhere = await versionsContaining(
        ctx.db,
        system,
        codes.filter((c) => !found.has(c)),
      );
      facts.otherVersions[system] = new Set(elsewhere.map((r) => r.code));
    }),
  );
  const dx = bySystem.get('icd10cm') ?? [];
  if (e.inpatient && cmVersion && (await hasPoaExemptList(ctx.db, cmVersion))) {
    facts.poaExempt = await poaExemptAmong(ctx.db, cmVersion, dx);
  }
  const px = e.procedures.filter((p) => p.system !== 'icd10pcs').map((p) => norm(p.code));
  [facts.ptp, facts.mue] = await Promise.all([ptpPairsAmong(ctx.db, px), mueFor(ctx.db, px)]);
  return runAllEdits({ ...e, diagnoses: e.diagnoses, procedures: e.procedures }, facts);
}

/** Facts for the codes (and their placeholder-X candidates) in one version, with headers' children. */
async function loadFacts(ctx: RequestContext, v: { system: string; version: string }, codes: string[]) {
  const wanted = new Set(codes);
  for (const c of codes) {
    const candidate = placeholderCandidate(c);
    if (candidate) wanted.add(candidate);
  }
  const rows = await codesIn(ctx.db, v, [...wanted]);
  const headers = rows.filter((r) => !r.billable).map((r) => r.code);
  const children = await billableDescendants(ctx.db, v, headers, CHILDREN_SUGGESTED);
  const map = new Map<string, CodeFact>();
  for (const r of rows) {
    map.set(r.code, {
      billable: r.billable,
      description: r.long_description,
      billableChildren: children.filter((c) => c.parent === r.code).map((c) => c.code),
    });
  }
  return map;
}
