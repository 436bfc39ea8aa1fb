import type { z } from 'zod';
import { recordAudit, recordDenied } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { forbidden } from '../../kernel/errors.ts';
import { type TumourForAnalysis, tumoursForAnalysis } from '../index.ts';
import { analyseLifeTable, analyseSurvival } from './analysis.ts';
import type {
  cohortCountBody,
  cohortCountResponse,
  incidenceBody,
  incidenceResponse,
  lifeTableBody,
  lifeTableResponse,
  survivalBody,
  survivalResponse,
} from './analytics.schemas.ts';
import {
  GROUP_BY_IDS,
  groupValue,
  inCohort,
  incidenceCohort,
  SITE_GROUPS,
  survivalCohort,
} from './cohort.ts';
import { AnalyticsError, analyticsError } from './errors.ts';
import { expectedTableFromCsv } from './expected.ts';
import { incidence, populationFromCsv } from './incidence.ts';
import { suppressLifeTable, unsuppressedRows } from './lifetable-suppression.ts';
import { survivalReportPdf } from './report.ts';
import { standardPopulation } from './standard-population.ts';
import { DEFAULT_THRESHOLD, isSmall, suppressCells } from './suppression.ts';
import type { ConfType } from './survival.ts';

/**
 * Registry analytics over the registry's tumours (issue 15). Tumours are read only through the registry's
 * `tumoursForAnalysis` (registry:read, restricted patients left out, the read audited with the patients).
 * Every answer is aggregated and small-cell suppressed (counts 1–15 and what is built on them, with
 * complementary cells); a registrar (registry:write) may ask for the small cells, which is audited, and
 * anyone else asking is refused and audited.
 */

type CohortInfo = z.infer<typeof survivalResponse>['cohort'];

async function checkSmallCells(ctx: RequestContext, show: boolean, analysis: string): Promise<boolean> {
  if (!show) return true;
  if (!ctx.actor || ctx.actor.permissions.has('registry:write')) return false;
  await recordDenied(ctx, { action: 'registry.analytics_small_cells_denied', details: { analysis } });
  throw forbidden('Only registrars may see small cells (counts 1–15) unsuppressed.', {
    permission: 'registry:write',
  });
}

/** Reads the registry's tumours and audits the analysis (filter and options, no identifiers). */
async function withTumours<T>(
  ctx: RequestContext,
  analysis: string,
  details: Record<string, unknown>,
  run: (tumours: TumourForAnalysis[]) => T,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const tumours = await tumoursForAnalysis(ctx, trx, {});
    const result = run(tumours);
    await recordAudit(trx, ctx, { action: `registry.analytics_${analysis}`, details });
    return result;
  });
}

/**
 * Suppresses group sizes (with the analysed total, which they add up to) and a small cohort size; returns
 * which groups are hidden. The excluded count is not a statistic: the excluded cases are listed by id to
 * the registry reader so that they can be fixed.
 */
function suppressSizes(
  groupSizes: number[],
  counts: { tumours: number; analysed: number; excluded: number },
  suppress: boolean,
): { hidden: boolean[]; cohort: CohortInfo } {
  if (!suppress) return { hidden: groupSizes.map(() => false), cohort: { ...counts, suppressedGroups: 0 } };
  const k = groupSizes.length;
  const values = [...groupSizes, counts.analysed];
  const hidden = suppressCells(values, [{ members: [...groupSizes.keys()], total: k }], DEFAULT_THRESHOLD);
  const groupHidden = hidden.slice(0, k);
  return {
    hidden: groupHidden,
    cohort: {
      analysed: hidden[k] ? null : counts.analysed,
      excluded: counts.excluded,
      tumours: isSmall(counts.tumours) ? null : counts.tumours,
      suppressedGroups: groupHidden.filter(Boolean).length,
    },
  };
}

export async function registrySurvival(
  ctx: RequestContext,
  body: z.infer<typeof survivalBody>,
): Promise<z.infer<typeof survivalResponse>> {
  const suppress = await checkSmallCells(ctx, body.showSmallCells, 'survival');
  return withTumours(
    ctx,
    'survival',
    { cohort: body.cohort, groupBy: body.groupBy ?? null, suppressed: suppress },
    (tumours) => {
      const c = survivalCohort(tumours, body.cohort, body.groupBy, body.timeUnit);
      const r = analyseSurvival(c.input, { confType: body.confType as ConfType, confLevel: body.confLevel });
      const { hidden, cohort } = suppressSizes(
        r.groups.map((g) => g.n),
        { tumours: c.cohortSize, analysed: c.input.time.length, excluded: c.excluded.length },
        suppress,
      );
      return {
        groups: r.groups.map((g, i) =>
          hidden[i]
            ? {
                group: g.group,
                suppressed: true,
                n: null,
                events: null,
                median: null,
                medianLower: null,
                medianUpper: null,
                points: [],
              }
            : { ...g, suppressed: false },
        ),
        logRank: r.logRank,
        timeUnit: body.timeUnit,
        confType: body.confType,
        confLevel: body.confLevel,
        groupBy: body.groupBy ?? null,
        cohort,
        excludedCases: c.excluded,
      };
    },
  );
}

export async function registryLifeTable(
  ctx: RequestContext,
  body: z.infer<typeof lifeTableBody>,
): Promise<z.infer<typeof lifeTableResponse>> {
  const suppress = await checkSmallCells(ctx, body.showSmallCells, 'lifetable');
  const table = body.expectedCsv ? expectedTableFromCsv(body.expectedCsv) : undefined;
  return withTumours(
    ctx,
    'lifetable',
    { cohort: body.cohort, groupBy: body.groupBy ?? null, relative: Boolean(table), suppressed: suppress },
    (tumours) => {
      const c = survivalCohort(tumours, body.cohort, body.groupBy, 'months');
      if (table) {
        const bad = c.age.findIndex((a) => Number.isNaN(a));
        if (bad >= 0)
          throw analyticsError(
            AnalyticsError.BAD_OPTION,
            'Relative survival needs every case’s age at diagnosis; narrow the cohort with an age range.',
          );
      }
      const r = analyseLifeTable(c.input, {
        timeUnit: 'months',
        intervalMonths: body.interval === 'year' ? 12 : 1,
        maxIntervals: body.maxIntervals,
        expected: table ? { table, age: c.age, sex: c.sex, year: c.year } : undefined,
      });
      const { hidden, cohort } = suppressSizes(
        r.groups.map((g) => g.n),
        { tumours: c.cohortSize, analysed: c.input.time.length, excluded: c.excluded.length },
        suppress,
      );
      return {
        ...r,
        groupBy: body.groupBy ?? null,
        groups: r.groups.map((g, i) =>
          hidden[i]
            ? { group: g.group, suppressed: true, n: null, rows: [], years: [] }
            : { ...g, ...(suppress ? suppressLifeTable(g) : unsuppressedRows(g)), suppressed: false },
        ),
        cohort,
        excludedCases: c.excluded,
      };
    },
  );
}

export async function registryIncidence(
  ctx: RequestContext,
  body: z.infer<typeof incidenceBody>,
): Promise<z.infer<typeof incidenceResponse>> {
  const suppress = await checkSmallCells(ctx, body.showSmallCells, 'incidence');
  const population = populationFromCsv(body.populationCsv);
  return withTumours(
    ctx,
    'incidence',
    {
      cohort: body.cohort,
      by: body.by,
      standard: body.standard,
      interval: body.interval,
      suppressed: suppress,
    },
    (tumours) => {
      const c = incidenceCohort(tumours, body.cohort, body.by);
      const r = incidence(c.cases, population, {
        by: body.by,
        confLevel: body.confLevel,
        standard: standardPopulation(body.standard),
        interval: body.interval,
        suppressBelow: suppress ? DEFAULT_THRESHOLD : null,
      });
      const { cohort } = suppressSizes(
        [],
        { tumours: c.cohortSize, analysed: c.cases.length, excluded: c.excluded.length },
        suppress,
      );
      return { ...r, cohort, excludedCases: c.excluded };
    },
  );
}

/** Live counts for the cohort builder: the cohort size and the group sizes, suppressed. */
export async function registryCohortCount(
  ctx: RequestContext,
  body: z.infer<typeof cohortCountBody>,
): Promise<z.infer<typeof cohortCountResponse>> {
  return withTumours(
    ctx,
    'cohort_count',
    { cohort: body.cohort, groupBy: body.groupBy ?? null },
    (tumours) => {
      const counts = new Map<string, number>();
      let n = 0;
      for (const t of tumours)
        if (inCohort(t, body.cohort)) {
          n++;
          const g = body.groupBy ? groupValue(t, body.groupBy) : 'all';
          counts.set(g, (counts.get(g) ?? 0) + 1);
        }
      const labels = [...counts.keys()].sort();
      const values = [...labels.map((l) => counts.get(l) as number), n];
      const hidden = suppressCells(values, [{ members: [...labels.keys()], total: labels.length }]);
      return {
        cohort: {
          tumours: hidden[labels.length] ? null : n,
          analysed: null,
          excluded: null,
          suppressedGroups: hidden.slice(0, labels.length).filter(Boolean).length,
        },
        groups: labels.map((group, i) => ({ group, n: hidden[i] ? null : (values[i] as number) })),
        siteGroups: SITE_GROUPS,
        groupByItems: GROUP_BY_IDS,
      };
    },
  );
}

const STAGE_NAMES: Record<string, string> = {
  '0': '0 In situ',
  '1': '1 Localized',
  '2': '2 Regional, direct extension',
  '3': '3 Regional, lymph nodes',
  '4': '4 Regional, extension and nodes',
  '7': '7 Distant',
  '8': '8 Benign/borderline',
  '9': '9 Unknown',
};
const GROUP_NAMES: Record<string, string> = {
  summaryStage2018: 'Summary Stage 2018',
  siteGroup: 'site group',
  sex: 'sex',
  diagnosisYear: 'year of diagnosis',
  ageGroup: 'age group',
  primarySite: 'primary site',
  histologicTypeIcdO3: 'histology',
  classOfCase: 'class of case',
};
const SEX_NAMES: Record<string, string> = {
  '1': 'Male',
  '2': 'Female',
  '3': 'Other',
  '4': 'Transsexual',
  '9': 'Unknown',
};

/** The cohort filter in words, for the report's header. */
export function describeCohort(f: z.infer<typeof survivalBody>['cohort']): string {
  const parts: string[] = [];
  if (f.siteGroups?.length) parts.push(`site ${f.siteGroups.join(', ')}`);
  if (f.histologies?.length) parts.push(`histology ${f.histologies.join(', ')}`);
  if (f.stages?.length) parts.push(`stage ${f.stages.map((s) => STAGE_NAMES[s] ?? s).join(', ')}`);
  if (f.sex?.length) parts.push(`sex ${f.sex.map((s) => SEX_NAMES[s] ?? s).join(', ')}`);
  const y = f.diagnosisYears;
  if (y?.from !== undefined || y?.to !== undefined) parts.push(`diagnosed ${y?.from ?? '…'}–${y?.to ?? '…'}`);
  const a = f.ageRange;
  if (a?.min !== undefined || a?.max !== undefined) parts.push(`age ${a?.min ?? 0}–${a?.max ?? '…'}`);
  if (f.classOfCase?.length) parts.push(`class of case ${f.classOfCase.join(', ')}`);
  return parts.length ? parts.join('; ') : 'all registry tumours';
}

/**
 * The survival result as a PDF report with the chart (the same suppressed answer as the API; the run is
 * audited as `registry.analytics_survival` and the report as `registry.analytics_survival_report`).
 */
export async function registrySurvivalReport(
  ctx: RequestContext,
  body: z.infer<typeof survivalBody>,
): Promise<{ bytes: Uint8Array; filename: string }> {
  const r = await registrySurvival(ctx, body);
  const label = (g: string) =>
    !r.groupBy
      ? 'All cases'
      : r.groupBy === 'summaryStage2018'
        ? (STAGE_NAMES[g] ?? g)
        : r.groupBy === 'sex'
          ? (SEX_NAMES[g] ?? g)
          : g;
  const bytes = await survivalReportPdf(r, {
    title: `Survival report${r.groupBy ? ` by ${GROUP_NAMES[r.groupBy] ?? r.groupBy}` : ''}`,
    cohortText: describeCohort(body.cohort),
    groupLabels: r.groups.map((g) => label(g.group)),
    generatedAt: ctx.clock.now(),
  });
  await recordAudit(ctx.db, ctx, {
    action: 'registry.analytics_survival_report',
    details: { cohort: body.cohort, groupBy: body.groupBy ?? null },
  });
  return { bytes, filename: 'survival-report.pdf' };
}
