import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { runCli as runCliIn } from '../../test/cli.ts';
import { registryTestApp, sender } from '../../test/registry.ts';
import { patientsCli } from '../patients/patients.cli.ts';
import { registryCli } from './registry.cli.ts';

let t: TestApp;
let registrar: TestUser;

/** Runs `chartkeeper …` (patients' and the registry's commands) against the test database. */
const runCli = (args: string[]) => runCliIn(t.deps, [patientsCli, registryCli], args);

type Hit = { sourceKind: string; reason: string; excerpt: string | null; code: string | null };

beforeAll(async () => {
  t = await registryTestApp();
  registrar = await createTestUser(t, ['cancer_registrar']);
});
afterAll(() => t.close());

describe('demo seed --cancer', () => {
  let seeded: string;
  let casefind: { screened: number; hits: number; new: number };

  it('adds synthetic cancer patients that case finding then finds', async () => {
    seeded = await runCli(
      ['demo', 'seed', '--patients', '30', '--seed', '5', '--duplicates', '0'].concat([
        '--cancer',
        '--cancer-patients',
        '16',
      ]),
    );
    expect(seeded).toMatch(
      /Cancer registry: 16 pathology reports \(12 naming a tumour, 4 benign with a negated phrasing\); 8 visits coded final/,
    );
    t.clock.advanceMinutes(1);
    casefind = JSON.parse(await runCli(['registry', 'casefind', '--json']));
    expect(Object.keys(casefind)).toEqual(['screened', 'hits', 'new']);
    // 16 pathology reports and 10 coded visits (8 cancer, 2 excluded skin BCC) screened.
    expect(casefind).toEqual({ screened: 26, hits: 20, new: 20 });
  });

  it('queues each reportable pathology report and C/D-coded visit, never a negated report or a skin BCC', async () => {
    const res = await sender(t)('GET', '/api/registry/suspense?status=open&limit=100', registrar);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Hit[];
    expect(items).toHaveLength(casefind.new);
    const byKind = (k: string) => items.filter((i) => i.sourceKind === k);
    expect(byKind('pathology')).toHaveLength(12);
    expect(byKind('encounter_code')).toHaveLength(8);
    for (const h of byKind('encounter_code')) expect(h.code).toMatch(/^(C|D0|D3)/);
    expect(items.some((i) => i.code === 'C44.311')).toBe(false);
    for (const h of byKind('pathology'))
      expect(h.excerpt).not.toMatch(/negative for|no evidence of|not identified/i);
  });

  it('gives the new patients storylines only once: a second run screens nothing new', async () => {
    const again = JSON.parse(await runCli(['registry', 'casefind', '--json']));
    expect(again.new).toBe(0);
  });

  it('refuses a bad --cancer-patients', async () => {
    await expect(
      runCli(['demo', 'seed', '--patients', '2', '--cancer', '--cancer-patients', 'lots']),
    ).rejects.toThrow(/--cancer-patients must be a whole number/);
  });
});
