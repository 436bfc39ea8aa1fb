import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { chartSteps } from '../../test/completion-steps.ts';
import { expectRowsFollowMergeAndBack } from '../../test/merge-round-trip.ts';
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
    await expectRowsFollowMergeAndBack(t, him, 'Completefollow', MERGE_TABLES, rowsFor);
  });
});
