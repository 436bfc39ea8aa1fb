import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { createTestUser, type TestUser } from '../../../test/auth.ts';
import { sharedData } from '../../../test/shared-data.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { clearDictionaryCache, loadDictionary } from '../dictionary.service.ts';
import { importNaaccr } from '../import.service.ts';
import { analyseSurvival } from './analysis.ts';
import { registryIncidence } from './analytics.service.ts';
import { DAYS_PER_MONTH } from './lifetable.ts';
import { survivalInputFromCsv } from './survival-input.ts';

/**
 * Registry analytics over registry tumours through the API (issue 15): the same numbers as the CSV path,
 * excluded cases with reasons, suppression of small groups, permission and audit.
 */
let t: TestApp;
let registrar: TestUser;
let coder: TestUser;

/** Seeded synthetic cases: stage 1 (30), stage 2 (24), stage 7 (6: a small group), plus cases to exclude. */
interface Case {
  stage: string;
  dx: string;
  last: string;
  vital: string;
  age: number;
  sex: string;
  site: string;
  classOfCase?: string;
}
function seededCases(): Case[] {
  let seed = 20261207;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
  const out: Case[] = [];
  const add = (stage: string, n: number, scale: number) => {
    for (let i = 0; i < n; i++) {
      const dx = Date.UTC(
        2015 + Math.floor(rand() * 5),
        Math.floor(rand() * 12),
        1 + Math.floor(rand() * 28),
      );
      const days = 1 + Math.floor(rand() * scale);
      const dead = rand() < 0.6;
      out.push({
        stage,
        dx: day(dx),
        last: day(dx + days * 86_400_000),
        vital: dead ? '0' : '1',
        age: 40 + Math.floor(rand() * 45),
        sex: rand() < 0.5 ? '1' : '2',
        site: rand() < 0.5 ? 'C341' : 'C509',
      });
    }
  };
  add('1', 30, 3000);
  add('2', 24, 1500);
  add('7', 6, 400);
  out.push({ stage: '1', dx: '2016', last: '20200101', vital: '1', age: 60, sex: '1', site: 'C341' });
  out.push({
    stage: '2',
    dx: '20170301',
    last: '20190101',
    vital: '0',
    age: 70,
    sex: '2',
    site: 'C509',
    classOfCase: '49',
  });
  out.push({ stage: '1', dx: '20180301', last: '20180101', vital: '1', age: 55, sex: '2', site: 'C341' });
  return out;
}
const cases = seededCases();

function naaccrXml(list: Case[]): string {
  const item = (id: string, v: string) => `<Item naaccrId="${id}">${v}</Item>`;
  const patients = list.map(
    (c, i) =>
      `<Patient>${item('patientIdNumber', String(i + 1).padStart(8, '0'))}${item('sex', c.sex)}${item('vitalStatus', c.vital)}${item('dateOfBirth', '19500101')}${item('dateOfLastContact', c.last)}<Tumor>${item('tumorRecordNumber', '01')}${item('primarySite', c.site)}${item('histologicTypeIcdO3', '8140')}${item('behaviorCodeIcdO3', '3')}${item('ageAtDiagnosis', String(c.age).padStart(3, '0'))}${item('dateOfDiagnosis', c.dx)}${item('summaryStage2018', c.stage)}${item('classOfCase', c.classOfCase ?? '00')}</Tumor></Patient>`,
  );
  return `<?xml version="1.0"?><NaaccrData baseDictionaryUri="http://naaccr.org/naaccrxml/naaccr-dictionary-250.xml" recordType="A" specificationVersion="1.7" xmlns="http://naaccr.org/naaccrxml">${patients.join('')}</NaaccrData>`;
}

const daysBetween = (a: string, b: string) =>
  (Date.UTC(+b.slice(0, 4), +b.slice(4, 6) - 1, +b.slice(6, 8)) -
    Date.UTC(+a.slice(0, 4), +a.slice(4, 6) - 1, +a.slice(6, 8))) /
  86_400_000;

beforeAll(async () => {
  t = await buildTestApp();
  clearDictionaryCache();
  const ctx = cliContext(t.deps);
  await loadDictionary(
    ctx,
    readFileSync(sharedData('naaccr', 'dictionaries', 'naaccr-dictionary-250.xml'), 'utf8'),
  );
  const result = await importNaaccr(ctx, Readable.from([naaccrXml(cases)]));
  expect(result).toMatchObject({ tumours: cases.length, rejected: 0 });
  registrar = await createTestUser(t, ['cancer_registrar']);
  coder = await createTestUser(t, ['coder']);
});
afterAll(() => t.close());

const post = (url: string, user: TestUser, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: user.headers, payload: payload as object });

describe('POST /api/registry/survival', () => {
  it('gives the CSV path’s numbers by stage, lists the excluded cases and suppresses the small group', async () => {
    const res = await post('/api/registry/survival', registrar, {
      groupBy: 'summaryStage2018',
      timeUnit: 'months',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // The same cohort through the CSV route (the contract's numbers).
    const timed = cases.filter(
      (c) => c.dx.length === 8 && c.classOfCase !== '49' && daysBetween(c.dx, c.last) >= 0,
    );
    const csv = [
      'months,status,stage',
      ...timed.map(
        (c) => `${daysBetween(c.dx, c.last) / DAYS_PER_MONTH},${c.vital === '0' ? 1 : 0},${c.stage}`,
      ),
    ].join('\n');
    const ref = analyseSurvival(
      survivalInputFromCsv(csv, { time: 'months', status: 'status', group: 'stage' }),
    );
    expect(body.groups.map((g: { group: string }) => g.group)).toEqual(['1', '2', '7']);
    expect(body.groups[0]).toMatchObject({ suppressed: false, n: 30, median: ref.groups[0]?.median });
    expect(body.groups[0].points).toEqual(ref.groups[0]?.points);
    // Stage 7 has 6 cases: suppressed, and so is stage 2 (else 60 − 30 − 24 would give it back).
    expect(body.groups[2]).toMatchObject({ suppressed: true, n: null, points: [] });
    expect(body.groups[1]).toMatchObject({ suppressed: true, n: null });
    expect(body.cohort).toMatchObject({ tumours: 63, analysed: 60, excluded: 3, suppressedGroups: 2 });
    // The test across groups is kept: it names no small count.
    expect(body.logRank).toEqual(ref.logRank);
    expect(body.excludedCases.map((e: { reason: string }) => e.reason).sort()).toEqual([
      'date of diagnosis incomplete (2016)',
      'date of last contact before the date of diagnosis',
      'death certificate only (class of case 49)',
    ]);
  });

  it('shows the small group to a registrar who asks, and filters the cohort', async () => {
    const all = await post('/api/registry/survival', registrar, {
      groupBy: 'summaryStage2018',
      showSmallCells: true,
    });
    expect(all.json().groups[2]).toMatchObject({ suppressed: false, n: 6 });
    expect(all.json().groups[1].points).toHaveLength(24);
    const stage1 = await post('/api/registry/survival', registrar, {
      cohort: { stages: ['1'] },
      timeUnit: 'days',
    });
    expect(stage1.json().groups).toHaveLength(1);
    expect(stage1.json().groups[0].n).toBe(30);
    expect(stage1.json().logRank).toBeNull();
  });

  it('answers an empty cohort with a clear error naming the filter', async () => {
    const res = await post('/api/registry/survival', registrar, {
      cohort: { diagnosisYears: { from: 2090 } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message ?? res.json().message).toMatch(/No registry tumours match/);
  });

  it('refuses a user without registry access, audited', async () => {
    const res = await post('/api/registry/survival', coder, {});
    expect(res.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
    const ran = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'in', ['registry.analytics_survival', 'registry.analysis_read'])
      .execute();
    expect(new Set(ran.map((r) => r.action))).toEqual(
      new Set(['registry.analytics_survival', 'registry.analysis_read']),
    );
  });
});

describe('POST /api/registry/lifetable and /incidence', () => {
  it('gives the life table with Ederer II from a loaded expected table', async () => {
    const expectedCsv = readFileSync(
      path.join(import.meta.dirname, 'data', 'expected-synthetic.csv'),
      'utf8',
    );
    const res = await post('/api/registry/lifetable', registrar, {
      groupBy: 'summaryStage2018',
      expectedCsv,
      showSmallCells: true,
    });
    expect(res.statusCode).toBe(200);
    const g = res.json().groups[0];
    expect(res.json().relative).toBe('ederer2');
    expect(g.rows[0]).toMatchObject({ interval: 1, alive: 30 });
    expect(g.rows[0].relativeCumulative).toBeGreaterThan(g.rows[0].cumulative);
    expect(g.years.map((y: { years: number }) => y.years)).toEqual([1, 3, 5, 10]);
  });

  it('suppresses life-table intervals with small counts, and the cumulative curve after them', async () => {
    const res = await post('/api/registry/lifetable', registrar, { groupBy: 'summaryStage2018' });
    expect(res.statusCode).toBe(200);
    const rows = res.json().groups.flatMap((g: { rows: unknown[] }) => g.rows) as {
      suppressed: boolean;
      died: number | null;
      withdrawn: number | null;
      cumulative: number | null;
    }[];
    expect(rows.some((r) => r.suppressed)).toBe(true);
    for (const r of rows) {
      for (const v of [r.died, r.withdrawn]) if (v !== null) expect(v === 0 || v >= 16).toBe(true);
      if (r.suppressed) expect(r.cumulative).toBeNull();
    }
  });

  it('gives suppressed incidence by sex from a population CSV', async () => {
    const pop = [
      'sex,ageGroup,population',
      ...['1', '2'].flatMap((s) => Array.from({ length: 19 }, (_x, a) => `${s},${a},${50_000}`)),
    ].join('\n');
    const res = await post('/api/registry/incidence', registrar, { by: ['sex'], populationCsv: pop });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.suppression.threshold).toBe(16);
    for (const row of body.rows) if (!row.suppressed) expect(row.count).toBeGreaterThanOrEqual(16);
    expect(body.total.count).toBe(63);
    expect(body.total.ageAdjustedRate).toBeGreaterThan(0);
    expect([body.standardId, body.interval]).toEqual(['us2000-million', 'fay-feuer']);
    const seer = await post('/api/registry/incidence', registrar, {
      by: ['sex'],
      populationCsv: pop,
      standard: 'us2000',
      interval: 'tiwari',
    });
    expect(seer.statusCode).toBe(200);
    expect([seer.json().standardId, seer.json().interval]).toEqual(['us2000', 'tiwari']);
    expect(seer.json().total.count).toBe(63);
    expect(seer.json().total.ageAdjustedUpper).toBeLessThan(body.total.ageAdjustedUpper);
    const bad = await post('/api/registry/incidence', registrar, {
      by: ['sex'],
      populationCsv: 'age,population\n1,2',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses small cells to a reader who is not a registrar, audited', async () => {
    const ctx = {
      ...cliContext(t.deps),
      channel: 'api' as const,
      actor: {
        userId: registrar.id,
        username: 'reader',
        roles: [],
        permissions: new Set(['registry:read']),
        facilityIds: [],
      },
    };
    await expect(
      registryIncidence(ctx, {
        cohort: {},
        by: [],
        populationCsv: 'ageGroup,population\n0,1',
        confLevel: 0.95,
        standard: 'us2000-million',
        interval: 'fay-feuer',
        showSmallCells: true,
      }),
    ).rejects.toMatchObject({ statusCode: 403 });
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'registry.analytics_small_cells_denied')
      .execute();
    expect(denied).toHaveLength(1);
  });

  it('counts the cohort live, small groups suppressed', async () => {
    const res = await post('/api/registry/cohort', registrar, { groupBy: 'summaryStage2018' });
    expect(res.json().cohort.tumours).toBe(63);
    expect(res.json().groups.find((g: { group: string }) => g.group === '7').n).toBeNull();
  });

  it('filters the cohort by ICD-O-3 histology, and refuses a code that is not four digits', async () => {
    const adeno = await post('/api/registry/cohort', registrar, { cohort: { histologies: ['8140'] } });
    expect(adeno.json().cohort.tumours).toBe(63);
    const none = await post('/api/registry/survival', registrar, { cohort: { histologies: ['8070'] } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain('No registry tumours match');
    const bad = await post('/api/registry/cohort', registrar, { cohort: { histologies: ['81'] } });
    expect(bad.statusCode).toBe(400);
  });

  it('gives the survival result as a PDF report with the chart, audited, and refuses a non-reader', async () => {
    const res = await post('/api/registry/survival/report', registrar, { groupBy: 'summaryStage2018' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(2000);
    const audited = await t.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'registry.analytics_survival_report')
      .execute();
    expect(audited).toHaveLength(1);
    const refused = await post('/api/registry/survival/report', coder, {});
    expect(refused.statusCode).toBe(403);
  });
});
