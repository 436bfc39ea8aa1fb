import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { AppError } from '../kernel/errors.ts';
import { dashboardTumourRows, findReference, SITE_RECODE_TABLE, saveReference } from './dashboard.queries.ts';
import { actorName, auditRegistry, requireRegistry, visiblePatients } from './gate.ts';
import { parseSiteRecode, type SiteRecodeRule, siteRecodeOf } from './site-recode.ts';

/** #764 SEER Summary Stage 2018 codes (NAACCR reference, item 764). */
export const SUMMARY_STAGE_2018: Record<string, string> = {
  '0': 'In situ',
  '1': 'Localized',
  '2': 'Regional, direct extension only',
  '3': 'Regional, lymph nodes only',
  '4': 'Regional, extension and nodes',
  '7': 'Distant',
  '8': 'Not applicable (benign/borderline)',
  '9': 'Unknown / unstaged',
};

export interface RegistryDashboard {
  total: number;
  siteRecodeLoaded: boolean;
  bySite: { recode: string; name: string; group: string; count: number }[];
  byYear: { year: string; count: number }[];
  byStage: { code: string; label: string; count: number }[];
}

/**
 * Loads the SEER Site Recode 2023 table (the SEER/IMS CSV) the dashboard groups sites by; replaces the one
 * loaded before. Needs registry:write; audited.
 * @throws AppError REGISTRY_SITE_RECODE_INVALID naming the line when the file is not that table
 */
export async function loadSiteRecode(
  ctx: RequestContext,
  text: string,
  sourceName: string,
): Promise<{ rules: number }> {
  await requireRegistry(ctx, 'registry:write');
  let rules: SiteRecodeRule[];
  try {
    rules = parseSiteRecode(text);
  } catch (e) {
    throw new AppError('REGISTRY_SITE_RECODE_INVALID', (e as Error).message, 422);
  }
  await withTransaction(ctx.db, async (trx) => {
    await saveReference(trx, {
      name: SITE_RECODE_TABLE,
      source_name: sourceName,
      rows: rules,
      loaded_by: actorName(ctx),
      loaded_at: ctx.clock.now(),
    });
    await auditRegistry(trx, ctx, 'registry.site_recode_load', [], {
      rules: rules.length,
      source: sourceName,
    });
  });
  return { rules: rules.length };
}

const count = <K extends string>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * The registry dashboard (issue 14): cases (tumours) by SEER site recode, by diagnosis year and by SEER
 * Summary Stage 2018 (#764). Patients restricted to the caller are left out. Needs registry:read; one
 * `registry.dashboard` audit event (a read of registry data: the patients counted, the count only past 1,000).
 */
export async function registryDashboard(ctx: RequestContext): Promise<RegistryDashboard> {
  await requireRegistry(ctx, 'registry:read');
  return withTransaction(ctx.db, async (trx) => {
    const ref = await findReference(trx, SITE_RECODE_TABLE);
    const rules = (ref?.rows ?? []) as SiteRecodeRule[];
    const rows = await dashboardTumourRows(trx);
    const linked = [...new Set(rows.flatMap((r) => (r.patient_id ? [r.patient_id] : [])))];
    const visible = await visiblePatients(ctx, trx, linked);
    const shown = rows.filter((r) => !r.patient_id || visible.has(r.patient_id));
    const sites = new Map<string, number>();
    const names = new Map<string, { name: string; group: string }>();
    const years = new Map<string, number>();
    const stages = new Map<string, number>();
    for (const r of shown) {
      const year = /^\d{4}/.test(r.diagnosis ?? '') ? (r.diagnosis ?? '').slice(0, 4) : null;
      const s = ref
        ? siteRecodeOf(rules, {
            site: r.site,
            histology: r.histology,
            behaviour: r.behaviour,
            year: year ? Number(year) : null,
          })
        : {
            recode: (r.site ?? '').slice(0, 3) || '—',
            name: (r.site ?? '').slice(0, 3) || 'No primary site',
            group: 'ICD-O-3 topography',
          };
      count(sites, s.recode);
      names.set(s.recode, { name: s.name, group: s.group });
      count(years, year ?? 'Unknown');
      count(stages, r.stage && SUMMARY_STAGE_2018[r.stage] ? r.stage : 'blank');
    }
    const patients = [...new Set(shown.flatMap((r) => (r.patient_id ? [r.patient_id] : [])))];
    await auditRegistry(trx, ctx, 'registry.dashboard', patients.length <= 1000 ? patients : [], {
      tumours: shown.length,
      patients: patients.length,
    });
    return {
      total: shown.length,
      siteRecodeLoaded: ref !== undefined,
      bySite: [...sites]
        .map(([recode, n]) => ({ recode, ...(names.get(recode) ?? { name: recode, group: '' }), count: n }))
        .sort((a, b) => b.count - a.count || a.recode.localeCompare(b.recode)),
      byYear: [...years]
        .map(([year, n]) => ({ year, count: n }))
        .sort((a, b) => a.year.localeCompare(b.year)),
      byStage: [...stages]
        .map(([code, n]) => ({ code, label: SUMMARY_STAGE_2018[code] ?? 'Not recorded', count: n }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  });
}
