import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import { recordAudit } from '../src/access/index.ts';
import { createApiToken } from '../src/access/tokens.service.ts';
import { createUser } from '../src/access/users.service.ts';
import { buildApp } from '../src/app.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import type { AppDeps } from '../src/kernel/context.ts';
import type { Db } from '../src/kernel/db.ts';
import { type Figure, load, summarize, withLoadDatabase } from './lib.ts';

/**
 * Release of information (issue 6): building and rendering a ~500-page packet from a chart of 500 long
 * notes, and the accounting of disclosures and access report for a patient with 10,000 audit events and
 * 500 disclosures, through the HTTP API on a fresh embedded PostgreSQL. Synthetic data only.
 */
const NOTES = 500;
const AUDIT_EVENTS = 10_000;
const DISCLOSURES = 500;
const PARAGRAPH =
  'Synthetic progress note text for a benchmark. The patient was seen on the ward, vital signs were stable, and the plan was reviewed with the team. ';

async function seedChart(db: Db, userId: string): Promise<string> {
  const now = new Date('2026-03-02T14:00:00Z');
  const { id: patientId } = await db
    .insertInto('patient')
    .values({
      mrn: 'BENCHROI1',
      family_name: 'Benchmark',
      given_name: 'Roi',
      middle_name: null,
      suffix: null,
      birth_date: '1960-05-05',
      sex_at_birth: 'F',
      merged_into: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const stamp = {
    created_by: userId,
    created_at: now,
    updated_by: userId,
    updated_at: now,
    entered_in_error_reason: null,
  };
  const text = PARAGRAPH.repeat(22); // about one page of 10-point text
  await db
    .insertInto('chart_entry')
    .values(
      Array.from({ length: NOTES }, (_, i) => ({
        patient_id: patientId,
        kind: 'note',
        encounter_id: null,
        data: { noteType: 'progress_note', title: `Progress note ${i + 1}`, text, status: 'final' },
        ...stamp,
      })) as never,
    )
    .execute();
  return patientId;
}

async function seedRequest(db: Db, patientId: string, userId: string): Promise<string> {
  const now = new Date();
  const { id } = await db
    .insertInto('disclosure_request')
    .values({
      request_no: 'ROI-2026-900001',
      patient_id: patientId,
      requester_type: 'treating-provider',
      requester_name: 'Synthetic Clinic',
      requester_address: '1 Test Road, Springfield',
      purpose: 'treatment',
      purpose_text: null,
      scope: JSON.stringify({ recordTypes: [], dateFrom: null, dateTo: null, encounterIds: [] }),
      delivery_method: 'secure-link',
      received_on: '2026-03-01',
      due_on: '2026-03-04',
      identity_verification: null,
      status: 'retrieval',
      created_by: userId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function seedHistory(deps: AppDeps, patientId: string) {
  const ctx = cliContext(deps);
  for (let b = 0; b < AUDIT_EVENTS / 500; b++)
    await recordAudit(
      deps.db,
      ctx,
      Array.from({ length: 500 }, () => ({ action: 'chart.summary.read', patientIds: [patientId] })),
    );
  await deps.db
    .insertInto('disclosure_record')
    .values(
      Array.from({ length: DISCLOSURES }, (_, i) => ({
        patient_id: patientId,
        request_id: null,
        disclosed_on: new Date(Date.UTC(2021, 0, 1) + i * 3 * 86_400_000).toISOString().slice(0, 10),
        recipient_name: `Synthetic Agency ${i}`,
        recipient_address: '1 Test Road',
        description: 'Emergency department record',
        purpose: 'public health reporting',
        authorization_id: null,
        accountable: i % 2 === 0,
        exempt_category: i % 2 === 0 ? null : 'tpo',
        created_by: null,
        created_at: new Date(),
      })),
    )
    .execute();
  await sql`analyze`.execute(deps.db);
}

export async function run(): Promise<Figure[]> {
  return withLoadDatabase('roi', async (deps, dir) => {
    const ctx = cliContext(deps);
    const { id: userId } = await createUser(ctx, {
      username: 'bench-roi',
      fullName: 'Bench ROI',
      roles: ['roi_specialist'],
      password: 'correct horse battery staple 42',
    });
    const { token } = await createApiToken(ctx, userId, { name: 'bench' });
    const patientId = await seedChart(deps.db, userId);
    const requestId = await seedRequest(deps.db, patientId, userId);
    const app = await buildApp(deps, { webDist: path.join(dir, 'no-web') });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    let pages = 0;
    const build = async () => {
      const r = await fetch(`${base}/disclosure/requests/${requestId}/packet`, {
        method: 'POST',
        headers,
        body: '{}',
      });
      if (!r.ok) throw new Error(`packet build failed: ${r.status} ${await r.text()}`);
      pages = ((await r.json()) as { packet: { pageCount: number } }).packet.pageCount;
    };
    const builds = await load(3, 1, build);
    await seedHistory(deps, patientId);
    const get = (url: string) => async () => {
      const r = await fetch(`${base}${url}`, { headers });
      if (!r.ok) throw new Error(`${url} failed: ${r.status}`);
      await r.arrayBuffer();
    };
    for (let i = 0; i < 10; i++) await get(`/patients/${patientId}/disclosures`)();
    const accounting = await load(200, 1, get(`/patients/${patientId}/disclosures`));
    const access = await load(200, 1, get(`/patients/${patientId}/access-report?pageSize=50`));
    await app.close();
    const b = summarize(builds.latencies);
    return [
      {
        name: `packet build + render (${NOTES} notes, ${pages} pages), median of 3`,
        value: b.p50 / 1000,
        unit: 's',
        target: '< 10 s',
      },
      {
        name: `accounting of disclosures p95 (${AUDIT_EVENTS} audit events, ${DISCLOSURES} disclosures)`,
        value: summarize(accounting.latencies).p95,
        unit: 'ms',
        target: '≤ 200 ms',
      },
      {
        name: 'who-accessed report p95 (first page of 50)',
        value: summarize(access.latencies).p95,
        unit: 'ms',
      },
    ];
  });
}
