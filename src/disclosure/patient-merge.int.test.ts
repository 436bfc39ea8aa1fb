import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { createTestUser, type TestUser } from '../../test/auth.ts';
import { expectRowsFollowMergeAndBack } from '../../test/merge-round-trip.ts';
import { MERGE_TABLES, type MergeTable } from './patient-merge.queries.ts';

// Issue 12 item 3: release of information's merge handlers. A merge re-points the retired record's
// requests, authorizations, 164.522 preferences, packets, deliveries and accounting requests (164.528(b))
// to the survivor; an unmerge gives back exactly those rows, while the survivor's own rows stay with it.

let t: TestApp;
let him: TestUser;
let roi: TestUser;

beforeAll(async () => {
  t = await buildTestApp();
  him = await createTestUser(t, ['him_clerk']);
  roi = await createTestUser(t, ['roi_specialist']);
});
afterAll(() => t.close());

/** One row in each of the domain's mutable patient-scoped tables, for `patientId`. */
async function rowsFor(patientId: string): Promise<Record<MergeTable, string>> {
  const db = t.deps.db;
  const now = t.clock.now();
  const request = await db
    .insertInto('disclosure_request')
    .values({
      request_no: `MERGE-${randomUUID()}`,
      patient_id: patientId,
      requester_type: 'attorney',
      requester_name: 'Synthetic Law LLP',
      requester_address: '1 Main St, Springfield IL 62701',
      purpose: 'legal',
      purpose_text: null,
      scope: JSON.stringify({ recordTypes: ['note'], dateFrom: null, dateTo: null, encounterIds: [] }),
      delivery_method: 'mail',
      received_on: '2026-12-01',
      due_on: '2026-12-31',
      extension_granted_on: null,
      extension_reason: null,
      identity_verification: null,
      status: 'received',
      override_reason: null,
      created_by: roi.id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const authorization = await db
    .insertInto('disclosure_authorization')
    .values({
      patient_id: patientId,
      request_id: request.id,
      form: JSON.stringify({ signedOn: '2026-11-30' }),
      document_sha256: null,
      revoked_on: null,
      captured_by: roi.id,
      captured_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const preference = await db
    .insertInto('disclosure_patient_preference')
    .values({
      patient_id: patientId,
      kind: 'restriction',
      description: 'Do not disclose to my health plan',
      requester_types: ['insurer'],
      encounter_ids: [],
      alternate_address: null,
      alternate_phone: null,
      recorded_by: roi.id,
      recorded_at: now,
      ended_at: null,
      ended_by: null,
      end_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const packet = await db
    .insertInto('disclosure_packet')
    .values({
      request_id: request.id,
      patient_id: patientId,
      build_no: 1,
      manifest: JSON.stringify([]),
      withheld: JSON.stringify([]),
      redactions: [],
      fees: JSON.stringify({ total: 0 }),
      page_count: 1,
      pdf_sha256: '0'.repeat(64),
      mail_to: '1 Main St, Springfield IL 62701',
      built_by: roi.id,
      built_at: now,
      qa_status: 'not-required',
      qa_by: null,
      qa_at: null,
      qa_note: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const delivery = await db
    .insertInto('disclosure_delivery')
    .values({
      request_id: request.id,
      packet_id: packet.id,
      patient_id: patientId,
      method: 'mail',
      token_hash: null,
      code_hash: null,
      expires_at: null,
      max_downloads: null,
      mailed_to: '1 Main St, Springfield IL 62701',
      mailed_on: '2026-12-02',
      created_by: roi.id,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const accounting = await db
    .insertInto('disclosure_accounting_request')
    .values({
      patient_id: patientId,
      received_on: '2026-12-01',
      due_on: '2027-01-30',
      period_from: '2020-12-01',
      free: true,
      fee: 0,
      fulfilled_on: null,
      created_by: roi.id,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    disclosure_request: request.id,
    disclosure_authorization: authorization.id,
    disclosure_patient_preference: preference.id,
    disclosure_packet: packet.id,
    disclosure_delivery: delivery.id,
    disclosure_accounting_request: accounting.id,
  };
}

describe('release-of-information rows at a patient merge and unmerge', () => {
  it("moves the retired record's requests, authorizations, preferences, packets, deliveries and accounting requests to the survivor and back", async () => {
    await expectRowsFollowMergeAndBack(t, him, 'Roifollow', MERGE_TABLES, rowsFor);
  });
});
