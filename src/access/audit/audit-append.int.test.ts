import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fast from '../../../migrations/20261211_1520_ops_audit_append_fast.ts';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { recordAudit, verifyAuditChain } from './audit.service.ts';
import { checkpointAudit, integrateAll } from './sequencer.ts';

const patient = '22222222-2222-4222-8222-222222222222';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { AUDIT_INTEGRATE_MS: '0' } });
});
afterAll(() => t.close());

async function language(): Promise<string> {
  const r = await sql<{ lang: string }>`
    select l.lanname as lang from pg_proc p join pg_language l on l.oid = p.prolang
    where p.proname = 'audit_append'`.execute(t.deps.db);
  return r.rows[0]!.lang;
}

async function pendingOf(action: string) {
  return t.deps.db
    .selectFrom('audit_event as e')
    .leftJoin('audit_pending as p', 'p.seq', 'e.seq')
    .select(['e.seq', 'e.patient_ids', 'e.actor_roles', 'e.details', 'p.seq as pending'])
    .where('e.action', '=', action)
    .orderBy('e.seq')
    .execute();
}

describe('audit_append fast path (issue 18, migration 20261211_1520)', () => {
  it('is PL/pgSQL and writes one event, and a batch in order, each noted for the sequencer', async () => {
    expect(await language()).toBe('plpgsql');
    const ctx = cliContext(t.deps);
    await recordAudit(t.deps.db, ctx, { action: 'test.one', patientIds: [patient], details: { a: 1 } });
    await recordAudit(
      t.deps.db,
      ctx,
      [0, 1, 2].map((k) => ({ action: 'test.many', patientIds: [patient], details: { k } })),
    );
    const one = await pendingOf('test.one');
    expect(one).toHaveLength(1);
    expect(one[0]!.patient_ids).toEqual([patient]);
    expect(one[0]!.details).toEqual({ a: 1 });
    expect(one[0]!.pending).toBe(one[0]!.seq);
    const many = await pendingOf('test.many');
    expect(many.map((r) => (r.details as { k: number }).k)).toEqual([0, 1, 2]);
    expect(many.every((r) => r.pending === r.seq)).toBe(true);
    await integrateAll(t.deps);
    await checkpointAudit(t.deps);
    const v = await verifyAuditChain(t.deps.db, t.deps.config);
    expect(v.ok).toBe(true);
  });

  it('writes nothing when the caller rolls back (same transaction as the data change)', async () => {
    const ctx = cliContext(t.deps);
    await expect(
      withTransaction(t.deps.db, async (trx) => {
        await recordAudit(trx, ctx, { action: 'test.rolled-back', patientIds: [patient] });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await pendingOf('test.rolled-back')).toHaveLength(0);
  });

  it('reverts to the SQL function of 20261209_1520 and comes back, still lock-free and logged', async () => {
    await fast.down(t.deps.db);
    expect(await language()).toBe('sql');
    const ctx = cliContext(t.deps);
    await recordAudit(t.deps.db, ctx, { action: 'test.after-down', patientIds: [patient] });
    await fast.up(t.deps.db);
    expect(await language()).toBe('plpgsql');
    await recordAudit(t.deps.db, ctx, { action: 'test.after-up', patientIds: [patient] });
    const rows = [...(await pendingOf('test.after-down')), ...(await pendingOf('test.after-up'))];
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.pending === r.seq)).toBe(true);
    await integrateAll(t.deps);
    await checkpointAudit(t.deps);
    const v = await verifyAuditChain(t.deps.db, t.deps.config);
    expect(v.ok && v.pending).toBe(0);
  });
});
