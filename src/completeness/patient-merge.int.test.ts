import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { chartSteps } from '../../test/completion-steps.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { MERGE_TABLES, type MergeTable } from './patient-merge.queries.ts';

// Issue 12 item 3: chart completion's merge handlers. A merge re-points the retired record's clinician
// queries, amendment requests (45 CFR 164.526) and deficiencies to the survivor; an unmerge gives back
// exactly those rows, while the survivor's own rows stay with it.

let t: TestApp;
let him: TestUser;
let doctor: TestUser;
let steps: ReturnType<typeof chartSteps>;

beforeAll(async () => {
  t = await buildTestApp();
  steps = chartSteps(t);
  him = await createTestUser(t, ['him_clerk']);
  doctor = await createTestUser(t, ['physician']);
});
afterAll(() => t.close());

const post = (url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers: him.headers, payload });

const ownerOf = async (table: MergeTable, id: string) =>
  (await t.deps.db.selectFrom(table).select('patient_id').where('id', '=', id).executeTakeFirstOrThrow())
    .patient_id;

/** One row in each of the domain's mutable patient-scoped tables, for `patientId`. */
async function rowsFor(patientId: string): Promise<Record<MergeTable, string>> {
  const now = t.clock.now();
  const encounterId = await steps.encounter(doctor, patientId, doctor.id);
  const query = await t.deps.db
    .insertInto('completeness_query')
    .values({
      patient_id: patientId,
      encounter_id: encounterId,
      entry_id: null,
      question: 'Please clarify the type of heart failure documented.',
      options: ['Acute systolic', 'Chronic diastolic', 'Other', 'Unable to determine'],
      due_on: '2026-12-20',
      addressee_user_id: doctor.id,
      opened_by_role: 'clerk',
      opened_by: him.id,
      opened_at: now,
      status: 'open',
      answer_option: null,
      answer_text: null,
      answered_by: null,
      answered_at: null,
      withdraw_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const amendment = await t.deps.db
    .insertInto('completeness_amendment')
    .values({
      patient_id: patientId,
      entry_ids: [],
      request_text: 'My allergy list should include penicillin.',
      received_on: '2026-12-01',
      due_on: '2027-01-30',
      extended_due_on: null,
      extension_reason: null,
      author_user_id: doctor.id,
      status: 'pending',
      amendment_text: null,
      denial_ground: null,
      denial_basis: null,
      decided_by: null,
      decided_at: null,
      created_by: him.id,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const deficiency = await t.deps.db
    .insertInto('completeness_deficiency')
    .values({
      patient_id: patientId,
      encounter_id: encounterId,
      facility_id: null,
      service: null,
      rule_id: 'manual',
      item_key: `merge-test-${encounterId}`,
      description: 'Discharge summary missing',
      responsible_user_id: doctor.id,
      status: 'open',
      opened_at: now,
      due_at: new Date(now.getTime() + 14 * 86_400_000),
      closed_at: null,
      closed_by: null,
      close_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    completeness_query: query.id,
    completeness_amendment: amendment.id,
    completeness_deficiency: deficiency.id,
  };
}

describe('chart completion rows at a patient merge and unmerge', () => {
  it("moves the retired record's queries, amendments and deficiencies to the survivor and back", async () => {
    const retired = (await insertTestPatient(t, { family: 'Completefollow' })).id;
    const survivor = (await insertTestPatient(t, { family: 'Completefollow' })).id;
    const retiredRows = await rowsFor(retired);
    const survivorRows = await rowsFor(survivor);

    const merge = await post('/api/patients/merges', {
      survivorId: survivor,
      retiredId: retired,
      reason: 'Same person registered twice',
    });
    expect(merge.statusCode).toBeLessThan(300);
    for (const table of MERGE_TABLES) {
      expect(await ownerOf(table, retiredRows[table]), table).toBe(survivor);
      expect(await ownerOf(table, survivorRows[table]), table).toBe(survivor);
    }

    const un = await post(`/api/patients/merges/${merge.json().mergeId}/unmerge`, {});
    expect(un.statusCode).toBeLessThan(300);
    for (const table of MERGE_TABLES) {
      expect(await ownerOf(table, retiredRows[table]), table).toBe(retired);
      expect(await ownerOf(table, survivorRows[table]), table).toBe(survivor);
    }
  });
});
