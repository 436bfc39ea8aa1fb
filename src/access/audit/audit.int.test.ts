import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { recordAudit, recordDenied, verifyAuditChain } from './audit.service.ts';

let t: TestApp;
const patient = '11111111-1111-4111-8111-111111111111';

beforeAll(async () => {
  t = await buildTestApp();
  const ctx = cliContext(t.deps);
  for (let i = 0; i < 30; i++) {
    await recordAudit(t.deps.db, ctx, {
      action: 'patient.read',
      patientIds: [patient],
      details: { i, nested: { b: 1, a: [1, 2] } },
    });
  }
});
afterAll(() => t.close());

function cli(args: string[]) {
  return spawnSync(process.execPath, [path.resolve('bin/chartkeeper.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: t.database.url, CHARTKEEPER_DATA_DIR: t.deps.config.dataDir },
  });
}

describe('audit trail', () => {
  it('verifies an intact chain', async () => {
    const r = await verifyAuditChain(t.deps.db);
    expect(r).toMatchObject({ ok: true });
    expect(r.count).toBeGreaterThanOrEqual(30);
  });

  it('rolls back with the work it records, but keeps denied attempts', async () => {
    const ctx = cliContext(t.deps);
    const before = await verifyAuditChain(t.deps.db);
    await expect(
      withTransaction(t.deps.db, async (trx) => {
        await recordAudit(trx, ctx, { action: 'patient.update', patientIds: [patient] });
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    await recordDenied(ctx, { action: 'patient.access_denied', patientIds: [patient] });
    const after = await verifyAuditChain(t.deps.db);
    expect(after.count).toBe(before.count + 1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE even for the application role', async () => {
    await expect(sql`update audit_event set action = 'x'`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(t.deps.db)).rejects.toThrow(/append-only/);
  });

  it('chartkeeper audit verify exits 0 with a count when intact', () => {
    const r = cli(['audit', 'verify']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/audit trail intact: \d+ events verified/);
  });

  it('detects and names an event altered through a superuser connection', async () => {
    // A superuser can bypass the trigger (session_replication_role = replica); the chain still tells.
    const victim = await t.deps.db
      .selectFrom('audit_event')
      .select(['seq', 'id'])
      .orderBy('seq')
      .offset(10)
      .limit(1)
      .executeTakeFirstOrThrow();
    await t.deps.db.connection().execute(async (c) => {
      await sql`set session_replication_role = replica`.execute(c);
      await sql`update audit_event set patient_ids = '{}' where seq = ${victim.seq}`.execute(c);
      await sql`set session_replication_role = origin`.execute(c);
    });
    const r = cli(['audit', 'verify']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`event seq ${victim.seq} (id ${victim.id}) was altered`);
  });

  it('detects a removed event', async () => {
    const t2 = await buildTestApp();
    const ctx = cliContext(t2.deps);
    for (let i = 0; i < 5; i++)
      await recordAudit(t2.deps.db, ctx, { action: 'patient.read', details: { i } });
    const rows = await t2.deps.db.selectFrom('audit_event').select(['seq', 'id']).orderBy('seq').execute();
    await t2.deps.db.connection().execute(async (c) => {
      await sql`set session_replication_role = replica`.execute(c);
      await sql`delete from audit_event where seq = ${rows[2]!.seq}`.execute(c);
      await sql`set session_replication_role = origin`.execute(c);
    });
    const r = await verifyAuditChain(t2.deps.db);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ kind: 'broken-link', seq: rows[3]!.seq });
    await t2.close();
  });
});
