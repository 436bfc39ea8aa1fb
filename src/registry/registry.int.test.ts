import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { registryTestApp } from '../../test/registry.ts';
import { sharedData } from '../../test/shared-data.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { importNaaccrFile } from './import.service.ts';
import { tumoursForAnalysis } from './index.ts';

const sample = (name: string) => sharedData('naaccr', 'samples', name);

let t: TestApp;
let registrar: TestUser;
let coder: TestUser;

beforeAll(async () => {
  t = await registryTestApp(['240', '250', '260']);
  registrar = await createTestUser(t, ['cancer_registrar']);
  coder = await createTestUser(t, ['coder']);
});
afterAll(() => t.close());

async function counts() {
  const n = async (table: 'registry_tumour' | 'registry_patient') =>
    Number(
      (
        await t.deps.db
          .selectFrom(table)
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { patients: await n('registry_patient'), tumours: await n('registry_tumour') };
}

describe('NAACCR import', () => {
  it('imports the 10-record abstract sample with its exact counts, and again without change', async () => {
    const ctx = cliContext(t.deps);
    const first = await importNaaccrFile(ctx, sample('naaccr-xml-sample-v250-abstract-10.xml.gz'));
    expect(first).toMatchObject({ patients: 8, tumours: 10, rejected: 0 });
    const again = await importNaaccrFile(ctx, sample('naaccr-xml-sample-v250-abstract-10.xml.gz'));
    expect(again).toMatchObject({ patients: 8, tumours: 10, rejected: 0 });
    const n = await t.deps.db
      .selectFrom('registry_tumour')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(10);
  });

  it('gives analytics the fields it reads through the index export', async () => {
    const rows = await t.deps.db
      .transaction()
      .execute((trx) => tumoursForAnalysis(cliContext(t.deps), trx, {}));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({
      primarySite: expect.stringMatching(/^C\d{3}$/),
      vitalStatus: expect.any(String),
    });
    expect(rows.every((r) => r.dateOfDiagnosis && /^\d{4}/.test(r.dateOfDiagnosis))).toBe(true);
  });

  it('serves a tumour keyed by NAACCR XML ids to the registrar and refuses the coder (audited)', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/registry/tumours?limit=5',
      headers: registrar.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(10);
    const id = list.json().items[0].id as string;
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/registry/tumours/${id}`,
      headers: registrar.headers,
    });
    expect(one.statusCode).toBe(200);
    expect(one.json().items.primarySite).toMatch(/^C/);
    expect(one.json().patientItems.dateOfBirth).toMatch(/^\d{8}$/);
    const denied = await t.app.inject({
      method: 'GET',
      url: `/api/registry/tumours/${id}`,
      headers: coder.headers,
    });
    expect(denied.statusCode).toBe(403);
    const audit = await t.deps.db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('action', 'like', 'registry.%')
      .execute();
    expect(audit.some((a) => a.action === 'registry.tumour_read' && a.outcome === 'success')).toBe(true);
  });

  it('rejects a file that is not well-formed and writes nothing', async () => {
    const ctx = cliContext(t.deps);
    const before = await counts();
    const bad = sharedData('naaccr', 'test-fixtures', 'validity-v250', 'invalid_unbalanced-tags-1.xml');
    await expect(importNaaccrFile(ctx, bad)).rejects.toMatchObject({
      code: 'REGISTRY_IMPORT_INVALID',
      message: expect.stringMatching(/not well-formed.*line \d+.*nothing was imported/s),
    });
    expect(await counts()).toEqual(before);
  });

  it('names the record and item of an unknown item or a value too long', async () => {
    const ctx = cliContext(t.deps);
    const dir = ['naaccr', 'test-fixtures', 'validity-v250'];
    const before = await counts();
    const unknown = await importNaaccrFile(ctx, sharedData(...dir, 'invalid_unknown-data-item-1.xml'));
    const long = await importNaaccrFile(ctx, sharedData(...dir, 'invalid_value-to-long-1.xml'));
    expect(unknown).toMatchObject({ patients: 0, tumours: 0, rejected: 1 });
    expect(long).toMatchObject({ patients: 0, tumours: 0, rejected: 1 });
    expect(unknown.errors[0]?.messages.join()).toMatch(/Patient 1, Tumor 1: unknown item "unknown"/);
    expect(long.errors[0]?.messages.join()).toMatch(/Patient 1: patientIdNumber \(#20\) is 12 characters/);
    // No partial patient or tumour of a rejected record is written.
    expect(await counts()).toEqual(before);
  });
});
