import { z } from 'zod';
import { GROUP_BY_IDS, INCIDENCE_BY } from './cohort.ts';
import { INTERVAL_METHODS } from './incidence.ts';
import { STANDARD_IDS } from './standard-population.ts';
import { CONF_TYPES } from './survival.ts';

const codes = z.array(z.string().min(1).max(40)).max(200);

export const cohortFilterSchema = z.object({
  siteGroups: codes.optional(),
  /** ICD-O-3 histologic type codes (#522). */
  histologies: z
    .array(z.string().regex(/^\d{4}$/))
    .max(200)
    .optional(),
  diagnosisYears: z
    .object({
      from: z.number().int().min(1850).max(2100).optional(),
      to: z.number().int().min(1850).max(2100).optional(),
    })
    .optional(),
  stages: codes.optional(),
  sex: codes.optional(),
  ageRange: z
    .object({ min: z.number().min(0).max(130).optional(), max: z.number().min(0).max(130).optional() })
    .optional(),
  classOfCase: codes.optional(),
});

/** Registrars (registry:write) may ask for unsuppressed small cells; everyone else always gets suppression. */
const showSmallCells = z.boolean().default(false);

export const survivalBody = z.object({
  cohort: cohortFilterSchema.default({}),
  groupBy: z.enum(GROUP_BY_IDS).optional(),
  timeUnit: z.enum(['days', 'months']).default('months'),
  confType: z.enum(CONF_TYPES as [string, ...string[]]).default('log'),
  confLevel: z.number().gt(0).lt(1).default(0.95),
  showSmallCells,
});

export const lifeTableBody = z.object({
  cohort: cohortFilterSchema.default({}),
  groupBy: z.enum(GROUP_BY_IDS).optional(),
  interval: z.enum(['month', 'year']).default('year'),
  maxIntervals: z.number().int().min(1).max(1200).optional(),
  /** Expected-survival table as CSV text (age,sex,year,p or q) for Ederer II relative survival. */
  expectedCsv: z.string().max(5_000_000).optional(),
  showSmallCells,
});

export const incidenceBody = z.object({
  cohort: cohortFilterSchema.default({}),
  by: z.array(z.enum(INCIDENCE_BY)).max(3).default([]),
  /** Person-years as CSV text: ageGroup, population and optional sex / year columns. */
  populationCsv: z.string().min(1).max(5_000_000),
  confLevel: z.number().gt(0).lt(1).default(0.95),
  /** us2000-million: the 2000 U.S. Std Million; us2000: the unrounded 2000 U.S. Std Population (SEER). */
  standard: z.enum(STANDARD_IDS).default('us2000-million'),
  /** Age-adjusted rate interval: Fay–Feuer (1997) or Tiwari et al. (2006) modified gamma (SEER*Stat). */
  interval: z.enum(INTERVAL_METHODS).default('fay-feuer'),
  showSmallCells,
});

export const cohortCountBody = z.object({
  cohort: cohortFilterSchema.default({}),
  groupBy: z.enum(GROUP_BY_IDS).optional(),
});

const num = z.number().nullable();
const excluded = z.array(z.object({ tumourId: z.string(), reason: z.string() }));
const cohortInfo = z.object({
  /** Tumours matching the filter, analysed and excluded (null when suppressed: 1–15). */
  tumours: num,
  analysed: num,
  excluded: num,
  suppressedGroups: z.number().int(),
});

const pointSchema = z.object({
  time: z.number(),
  atRisk: z.number(),
  events: z.number(),
  censored: z.number(),
  survival: z.number(),
  stdErr: num,
  lower: num,
  upper: num,
});

export const survivalResponse = z.object({
  groups: z.array(
    z.object({
      group: z.string(),
      suppressed: z.boolean(),
      n: num,
      events: num,
      median: num,
      medianLower: num,
      medianUpper: num,
      points: z.array(pointSchema),
    }),
  ),
  logRank: z.object({ chiSquare: z.number(), df: z.number(), p: z.number() }).nullable(),
  timeUnit: z.enum(['days', 'months']),
  confType: z.string(),
  confLevel: z.number(),
  groupBy: z.string().nullable(),
  cohort: cohortInfo,
  excludedCases: excluded,
});

const lifeRow = z.object({
  interval: z.number(),
  start: z.number(),
  end: z.number(),
  /** Small-cell suppression (issue 15): hidden counts and the statistics built on them are null. */
  suppressed: z.boolean(),
  alive: num,
  died: num,
  withdrawn: num,
  effective: num,
  survival: num,
  survivalStdErr: num,
  cumulative: num,
  cumulativeStdErr: num,
  expected: num.optional(),
  expectedCumulative: num.optional(),
  relative: num.optional(),
  relativeCumulative: num.optional(),
  relativeCumulativeStdErr: num.optional(),
});

export const lifeTableResponse = z.object({
  method: z.literal('actuarial'),
  relative: z.literal('ederer2').nullable(),
  intervalMonths: z.number(),
  groupBy: z.string().nullable(),
  groups: z.array(
    z.object({
      group: z.string(),
      suppressed: z.boolean(),
      n: num,
      rows: z.array(lifeRow),
      years: z.array(
        z.object({ years: z.number(), cumulative: num, cumulativeStdErr: num, relativeCumulative: num }),
      ),
    }),
  ),
  cohort: cohortInfo,
  excludedCases: excluded,
});

const incidenceRow = z.object({
  strata: z.record(z.string(), z.string()),
  count: num,
  population: z.number(),
  crudeRate: num,
  crudeLower: num,
  crudeUpper: num,
  ageAdjustedRate: num,
  ageAdjustedStdErr: num,
  ageAdjustedLower: num,
  ageAdjustedUpper: num,
  suppressed: z.boolean(),
  ages: z.array(
    z.object({
      ageGroup: z.string(),
      count: num,
      population: z.number(),
      rate: num,
      suppressed: z.boolean(),
    }),
  ),
});

export const incidenceResponse = z.object({
  standardId: z.enum(STANDARD_IDS),
  standard: z.string(),
  standardSource: z.string(),
  confLevel: z.number(),
  interval: z.enum(INTERVAL_METHODS),
  ratePer: z.number(),
  by: z.array(z.string()),
  suppression: z.object({ threshold: z.number(), hiddenCells: z.number() }).nullable(),
  rows: z.array(incidenceRow),
  total: incidenceRow,
  cohort: cohortInfo,
  excludedCases: excluded,
});

export const cohortCountResponse = z.object({
  cohort: cohortInfo,
  groups: z.array(z.object({ group: z.string(), n: num })),
  siteGroups: z.array(z.string()),
  groupByItems: z.array(z.string()),
});
