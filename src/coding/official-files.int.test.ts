import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import type { RequestContext } from '../kernel/context.ts';
import { importCodeFile } from './import.service.ts';
import { readCodeFile } from './loaders/read-file.ts';
import { diffVersions } from './versions.service.ts';

/**
 * The official CMS files load with the exact counts of /work/shared/data/README.md (each full load is
 * a few seconds, so every file is loaded once here and the other tests reuse the database).
 */
const DATA = '/work/shared/data';
let t: TestApp;
let ctx: RequestContext;
let coder: TestUser;

const load = async (kind: string, file: string, version?: string) => {
  const { text, checksum } = await readCodeFile(`${DATA}/${file}`);
  return importCodeFile(ctx, {
    kind,
    text,
    checksum,
    sourceName: file.split('/').pop()!,
    ...(version ? { version } : {}),
  });
};

beforeAll(async () => {
  t = await buildTestApp();
  ctx = { ...t.deps, requestId: 'test', channel: 'cli', operator: 'test' };
  coder = await createTestUser(t, ['coder']);
});
afterAll(() => t.close());

describe('official ICD-10 order files', () => {
  it('loads FY2026 ICD-10-CM with 74,719 billable codes and 23,467 headers', async () => {
    const s = await load('icd10cm', 'icd10cm/icd10cm_order_2026.txt.gz');
    expect(s).toMatchObject({ version: 'FY2026', status: 'loaded', billable: 74_719, headers: 23_467 });
  }, 120_000);

  it('loads FY2025 ICD-10-CM with 74,260 billable codes and 23,324 headers', async () => {
    const s = await load('icd10cm', 'icd10cm/icd10cm_order_2025.txt.gz');
    expect(s).toMatchObject({ version: 'FY2025', billable: 74_260, headers: 23_324 });
  }, 120_000);

  it('loads FY2024 ICD-10-CM with 74,044 billable codes and 23,252 headers', async () => {
    const s = await load('icd10cm', 'icd10cm/icd10cm_order_2024.txt.gz');
    expect(s).toMatchObject({ version: 'FY2024', billable: 74_044, headers: 23_252 });
  }, 120_000);

  it('loads FY2026 ICD-10-PCS with 79,115 valid codes and 914 headers', async () => {
    const s = await load('icd10pcs', 'icd10pcs/icd10pcs_order_2026.txt.gz');
    expect(s).toMatchObject({ version: 'FY2026', billable: 79_115, headers: 914 });
  }, 120_000);

  it('FY2025 → FY2026 diff matches the CMS addenda summary (+487 −28 ~38 codes, +143 −0 ~7 headers)', async () => {
    const d = await diffVersions(ctx, 'icd10cm', 'FY2025', 'FY2026');
    expect(d.counts).toEqual({
      codes: { added: 487, deleted: 28, revised: 38 },
      headers: { added: 143, deleted: 0, revised: 7 },
    });
    expect(d.added.find((e) => e.code === 'B8801')?.description).toBe('Infestation by Demodex mites');
  });

  it('re-importing the same file reports unchanged and keeps the same counts', async () => {
    const s = await load('icd10cm', 'icd10cm/icd10cm_order_2026.txt.gz');
    expect(s).toMatchObject({ status: 'unchanged', billable: 74_719, headers: 23_467 });
  }, 120_000);
});

describe('other official files', () => {
  it('loads the 2020 HCPCS file: 6,710 procedure codes, continuation lines joined', async () => {
    const s = await load('hcpcs', 'hcpcs/HCPC2020_ANWEB_w_disclaimer.txt.gz', '2020');
    expect(s).toMatchObject({ billable: 6_710, headers: 0 });
  });

  it('loads the FY2026 POA-exempt list: 38,349 codes', async () => {
    const s = await load('poa-exempt', 'icd10cm/poa-exempt-fy2026/POAexemptCodesFY26.txt.gz');
    expect(s).toMatchObject({ version: 'FY2026', records: 38_349 });
  });

  it('loads ICD-O-3 topography (330 sites) and morphology (1,032 terms)', async () => {
    const topo = await load('icdo3-topo', 'icdo3/who-icdo3-csv/Topoenglish.txt', 'ICD-O-3');
    expect(topo.billable).toBe(330);
    const morph = await load('icdo3-morph', 'icdo3/who-icdo3-csv/Morphenglish.txt', 'ICD-O-3');
    expect(morph.billable).toBe(1_032);
  });
});

describe('search on the full FY2026 ICD-10-CM', () => {
  const search = async (q: string) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/codes/search?q=${encodeURIComponent(q)}`,
        headers: coder.headers,
      })
    ).json();
  const top = async (q: string, n = 3) =>
    (await search(q)).items.slice(0, n).map((i: { code: string }) => i.code);
  it('ranks the exact code first for prefixes with or without the dot', async () => {
    expect((await top('E11.9'))[0]).toBe('E119');
    expect((await top('e119'))[0]).toBe('E119');
    expect((await top('S02.0XXA'))[0]).toBe('S020XXA');
  });
  it('finds codes by word prefixes and abbreviations among 98,000 titles', async () => {
    expect(await top('diab typ 2 kidn')).toContain('E1122');
    expect(await top('fx nasal bone initial', 5)).toContain('S022XXA');
    expect(await top('htn', 1)).toEqual(['I10']);
    const dm2 = await search('DM2');
    expect(dm2.total).toBeGreaterThan(50);
    expect(dm2.items.slice(0, 5).map((i: { code: string }) => i.code.slice(0, 3))).toEqual([
      'E11',
      'E11',
      'E11',
      'E11',
      'E11',
    ]);
  });
});
