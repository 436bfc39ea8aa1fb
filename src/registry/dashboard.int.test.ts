import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { registryTestApp, sender } from '../../test/registry.ts';
import { sharedData } from '../../test/shared-data.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { loadSiteRecode } from './dashboard.service.ts';
import { importNaaccrFile } from './import.service.ts';

let t: TestApp;
let registrar: TestUser;
let coder: TestUser;
let send: ReturnType<typeof sender>;
type Dashboard = {
  total: number;
  siteRecodeLoaded: boolean;
  bySite: { recode: string; name: string; count: number }[];
  byYear: { year: string; count: number }[];
  byStage: { code: string; label: string; count: number }[];
};
const recodeCsv = () =>
  readFileSync(sharedData('icdo3', 'seer-recodes', 'seersiterecode_site-recode-data-2023.csv'), 'utf8');
const sum = (xs: { count: number }[]) => xs.reduce((a, x) => a + x.count, 0);

beforeAll(async () => {
  t = await registryTestApp(['250', '260']);
  send = sender(t);
  registrar = await createTestUser(t, ['cancer_registrar']);
  coder = await createTestUser(t, ['coder']);
  const r = await importNaaccrFile(
    cliContext(t.deps),
    sharedData('naaccr', 'samples', 'naaccr-xml-sample-v250-abstract-100.xml.gz'),
  );
  expect(r.rejected).toBe(0);
});
afterAll(() => t.close());

describe('registry dashboard', () => {
  it('counts cases by topography until the SEER site recode is loaded', async () => {
    const r = await send('GET', '/api/registry/dashboard', registrar);
    expect(r.statusCode).toBe(200);
    const d = r.json() as Dashboard;
    expect(d.siteRecodeLoaded).toBe(false);
    expect(d.total).toBeGreaterThan(90);
    expect(sum(d.bySite)).toBe(d.total);
  });

  it('counts every case once by SEER site recode, by diagnosis year and by Summary Stage 2018', async () => {
    expect(await loadSiteRecode(cliContext(t.deps), recodeCsv(), 'site-recode-2023.csv')).toEqual({
      rules: 82,
    });
    const d = (await send('GET', '/api/registry/dashboard', registrar)).json() as Dashboard;
    expect(d.siteRecodeLoaded).toBe(true);
    for (const part of [d.bySite, d.byYear, d.byStage]) expect(sum(part)).toBe(d.total);
    expect(d.bySite.every((s) => /^\d{2}$/.test(s.recode))).toBe(true);
    expect(d.bySite.some((s) => s.recode !== '99')).toBe(true);
    expect(d.byYear.every((y) => /^(\d{4}|Unknown)$/.test(y.year))).toBe(true);
    expect(d.byStage.map((s) => s.code)).toEqual([...d.byStage.map((s) => s.code)].sort());
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('action', '=', 'registry.dashboard')
      .execute();
    expect(audit.length).toBe(2);
    expect(audit[1]?.details).toMatchObject({ tumours: d.total });
  });

  it('refuses a reader without the registry permission, and a file that is not the recode table', async () => {
    const r = await send('GET', '/api/registry/dashboard', coder);
    expect(r.statusCode).toBe(403);
    const denied = await t.deps.db
      .selectFrom('audit_event')
      .select('outcome')
      .where('actor_username', '=', coder.username)
      .execute();
    expect(denied.some((e) => e.outcome !== 'success')).toBe(true);
    await expect(loadSiteRecode(cliContext(t.deps), 'Name,Recode\nBreast,39', 'x.csv')).rejects.toMatchObject(
      {
        code: 'REGISTRY_SITE_RECODE_INVALID',
      },
    );
  });
});
