import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.ts';
import { insertTestPatient } from '../../test/factories.ts';
import { cliContext } from '../kernel/cli-context.ts';
import { runCasefinding } from './casefind.service.ts';

// Rows written in one statement share a microsecond timestamp (`now()`), but a keyset cursor held as a JS
// Date has milliseconds only. The sources must page at millisecond precision, or the last row of a page
// compares greater than the cursor and the page repeats forever.

let t: TestApp;
const job = () => ({ ...cliContext(t.deps), channel: 'job' as const });
const AT = '2026-02-01 09:30:00.123456+00';

beforeAll(async () => {
  t = await buildTestApp();
  const p = await insertTestPatient(t, { family: 'Cursor', sex: 'F' });
  const db = t.deps.db;
  await sql`
    insert into chart_entry (patient_id, kind, data, created_by, created_at, updated_by, updated_at)
    select ${p.id}::uuid, 'problem',
           jsonb_build_object('description', 'Problem ' || g, 'status', 'active',
             'code', case when g % 2 = 0 then 'C50.911' else 'E11.9' end),
           ${p.id}::uuid, ${AT}::timestamptz, ${p.id}::uuid, ${AT}::timestamptz + (g % 3) * interval '1 microsecond'
    from generate_series(1, 7) g`.execute(db);
  await sql`
    with enc as (
      insert into chart_encounter (patient_id, class, status, data, starts_at, created_by, created_at, updated_by, updated_at)
      select ${p.id}::uuid, 'appointment', 'completed', '{}'::jsonb, ${AT}::timestamptz,
             ${p.id}::uuid, ${AT}::timestamptz, ${p.id}::uuid, ${AT}::timestamptz
      from generate_series(1, 5) g
      returning id)
    insert into coding_encounter (encounter_id, patient_id, status, version, diagnoses, procedures, drugs, edits,
                                  finalized_at, created_at, updated_by, updated_at)
    select enc.id, ${p.id}::uuid, 'final', 1, '[{"code": "C34.90", "sequence": 1}]'::jsonb, '[]', '[]', '[]',
           ${AT}::timestamptz + (row_number() over () % 2) * interval '1 microsecond',
           ${AT}::timestamptz, ${p.id}::uuid, ${AT}::timestamptz
    from enc`.execute(db);
});
afterAll(() => t.close());

describe('case-finding cursors over microsecond timestamps', () => {
  it('screens every row once, in pages smaller than a run of rows sharing a millisecond', async () => {
    const r = await runCasefinding(job(), {
      trigger: 'test',
      since: new Date('2026-01-01T00:00:00Z'),
      pageSize: 2,
      maxPages: 40,
    });
    // 5 final coded encounters + 7 problems; 5 encounter hits + 3 reportable problems.
    expect(r).toMatchObject({ screened: 12, hits: 8, new: 8 });
    const again = await runCasefinding(job(), { trigger: 'test', pageSize: 3, maxPages: 40 });
    expect(again).toMatchObject({ screened: 0, new: 0 });
  });
});
