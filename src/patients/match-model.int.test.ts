import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { runCli as runCliIn } from '../../test/cli.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { activeMatchModel, type MatcherVersion, trainMatcher } from './match-model.service.ts';
import { maxWeight, PRIOR_MODEL } from './matching.ts';
import { patientsCli } from './patients.cli.ts';
import { seedPatients } from './seed.service.ts';

// Issue 17: the matcher's weights are estimated on the live index, stored as versions with who trained
// them, when, on how much and with the labelled-set figures, and the matcher scores with the active one.

let t: TestApp;
let clerk: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  clerk = await createTestUser(t, ['registration_clerk']);
});
afterAll(() => t.close());

const probe = {
  family: 'Okonkwo',
  given: 'Adaeze',
  birthDate: '1971-04-12',
  sexAtBirth: 'F',
  phones: [],
  otherNames: [],
  memberIds: [],
};
const matchCandidates = () =>
  t.app.inject({
    method: 'POST',
    url: '/api/patients/match-candidates',
    headers: clerk.headers,
    payload: probe,
  });

const runCli = (args: string[]) => runCliIn(t.deps, [patientsCli], args);

const trainAudits = () =>
  t.deps.db
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'actor_username', 'resource_id', 'details'])
    .where('action', '=', 'patient.matcher.train')
    .orderBy('occurred_at')
    .execute();

describe('stored matcher weights', () => {
  it('before any training the matcher uses its starting weights', async () => {
    const active = await activeMatchModel(t.deps.db);
    expect(active.version).toBeNull();
    expect(active.model).toBe(PRIOR_MODEL);
    const res = await matchCandidates();
    expect(res.statusCode).toBe(200);
    expect(res.json().matcher).toEqual({ version: null, maxWeight: maxWeight(PRIOR_MODEL) });
  });

  it('refuses to train on an index too small to learn from, storing nothing', async () => {
    await expect(trainMatcher(cliContext(t.deps))).rejects.toMatchObject({ code: 'MATCHER_TOO_FEW_RECORDS' });
    const n = await t.deps.db.selectFrom('patient_match_model').select('id').execute();
    expect(n).toHaveLength(0);
  });

  let first: MatcherVersion;
  it('train-matcher runs EM on the live index and stores version 1 with who, when, how much and the figures', async () => {
    await seedPatients(cliContext(t.deps), { count: 600, seed: 17, duplicateRate: 0.03 });
    first = JSON.parse(
      await runCli(['patients', 'train-matcher', '--json', '--random-pairs', '30000']),
    ) as MatcherVersion;
    expect(first.version).toBe(1);
    expect(first.trainedBy).toMatch(/^cli:/);
    expect(first.trainedAt).toBe(t.clock.now().toISOString());
    expect(first.records).toBeGreaterThanOrEqual(600);
    expect(first.pairs).toBeGreaterThan(0);
    expect(first.iterations).toBeGreaterThan(0);
    expect(first.lambda).toBeGreaterThan(0);
    expect(first.evaluation.people).toBe(2000);
    expect(first.evaluation.duplicates).toBeGreaterThan(0);
    expect(first.evaluation.wrongPersonCertain).toBe(0);
    expect(first.evaluation.meetsAims).toBe(true);
    expect(first.active).toBe(true);
    expect(first.activatedBy).toBe(first.trainedBy);

    const stored = await t.deps.db
      .selectFrom('patient_match_model')
      .selectAll()
      .where('version', '=', 1)
      .executeTakeFirstOrThrow();
    const model = stored.model as unknown as typeof PRIOR_MODEL;
    expect(model.trainedAt).toBe(first.trainedAt);
    expect(Object.keys(model.frequencies.family).length).toBeGreaterThan(0);
    // Learned, not the starting weights.
    expect(model.u.birthDate.exact).not.toBe(PRIOR_MODEL.u.birthDate.exact);
  });

  it('the server scores with the active version', async () => {
    const active = await activeMatchModel(t.deps.db);
    expect(active.version).toBe(1);
    const res = await matchCandidates();
    expect(res.statusCode).toBe(200);
    expect(res.json().matcher.version).toBe(1);
    expect(res.json().matcher.maxWeight).toBeCloseTo(maxWeight(active.model), 9);
    expect(res.json().matcher.maxWeight).not.toBeCloseTo(maxWeight(PRIOR_MODEL), 3);
  });

  it('training again stores version 2 and makes it the one active version; the text output says so', async () => {
    t.clock.advance(24 * 3600 * 1000);
    const text = await runCli(['patients', 'train-matcher', '--random-pairs', '30000']);
    expect(text).toMatch(/Matcher weights version 2: EM on \d+ records, \d+ blocked pairs/);
    expect(text).toMatch(/wrong person certain 0/);
    expect(text).toContain('Version 2 is now active.');
    const rows = await t.deps.db
      .selectFrom('patient_match_model')
      .select(['version', 'active'])
      .orderBy('version')
      .execute();
    expect(rows).toEqual([
      { version: 1, active: false },
      { version: 2, active: true },
    ]);
    expect((await activeMatchModel(t.deps.db)).version).toBe(2);
  });

  it('every training is audited with the version and its figures', async () => {
    const audits = await trainAudits();
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => (a.details as { version: number }).version)).toEqual([1, 2]);
    expect(audits[0]).toMatchObject({ outcome: 'success', resource_id: first.id });
    expect(audits[0]!.actor_username).toMatch(/^cli:/);
    expect(audits[0]!.details).toMatchObject({ activated: true, wrongPersonCertain: 0 });
  });
});
