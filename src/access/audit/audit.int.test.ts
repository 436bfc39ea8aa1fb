import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.ts';
import { cliContext } from '../../kernel/cli-context.ts';
import { type Database, withTransaction } from '../../kernel/db.ts';
import { recordAudit, recordDenied, verifyAuditChain } from './audit.service.ts';
import { contentString } from './audit-chain.ts';
import { proveAuditEvent } from './audit-log.service.ts';
import { checkpointFile } from './checkpoint-key.ts';
import { Frontier, leafHash, nodeHash, verifyInclusion } from './merkle.ts';
import { checkpointAudit, integrateAll } from './sequencer.ts';

const patient = '11111111-1111-4111-8111-111111111111';
const noLoop = { env: { AUDIT_INTEGRATE_MS: '0' } };

async function freshLog(events: number, checkpointEvery: number): Promise<TestApp> {
  const t = await buildTestApp(noLoop);
  const ctx = cliContext(t.deps);
  for (let i = 0; i < events; i++) {
    await recordAudit(t.deps.db, ctx, { action: 'patient.read', patientIds: [patient], details: { i } });
    if ((i + 1) % checkpointEvery === 0) {
      await integrateAll(t.deps);
      await checkpointAudit(t.deps);
    }
  }
  await integrateAll(t.deps);
  await checkpointAudit(t.deps);
  return t;
}

/** Superuser SQL with the append-only triggers bypassed, as an attacker with database access would. */
async function asSuperuser(t: TestApp, work: (c: Kysely<Database>) => Promise<void>) {
  await t.deps.db.connection().execute(async (c) => {
    await sql`set session_replication_role = replica`.execute(c);
    await work(c);
    await sql`set session_replication_role = origin`.execute(c);
  });
}

const leafAt = (t: TestApp, idx: number) =>
  t.deps.db
    .selectFrom('audit_leaf as l')
    .innerJoin('audit_event as e', 'e.seq', 'l.seq')
    .select(['l.idx', 'l.seq', 'e.id'])
    .where('l.idx', '=', idx)
    .executeTakeFirstOrThrow();

function cli(t: TestApp, args: string[]) {
  return spawnSync(process.execPath, [path.resolve('bin/chartkeeper.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: t.database.url, CHARTKEEPER_DATA_DIR: t.deps.config.dataDir },
  });
}

let t: TestApp;
beforeAll(async () => {
  t = await freshLog(30, 10);
});
afterAll(() => t.close());

describe('audit log (Merkle tree, signed checkpoints)', () => {
  it('verifies an intact log and its signed checkpoints', async () => {
    const r = await verifyAuditChain(t.deps.db, t.deps.config);
    expect(r).toMatchObject({ ok: true, pending: 0 });
    if (r.ok) {
      expect(r.count).toBeGreaterThanOrEqual(30);
      // Every checkpoint is in the database and in the file outside it.
      expect(r.checkpoints).toBeGreaterThanOrEqual(6);
    }
    const lines = readFileSync(checkpointFile(t.deps.config), 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
  });

  it('logs without hashing: an event is searchable before it is integrated, and rolls back with its work', async () => {
    const ctx = cliContext(t.deps);
    await expect(
      withTransaction(t.deps.db, async (trx) => {
        await recordAudit(trx, ctx, { action: 'patient.update', patientIds: [patient] });
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    await recordDenied(ctx, { action: 'patient.access_denied', patientIds: [patient] });
    const row = await t.deps.db
      .selectFrom('audit_event')
      .select(['seq', 'hash'])
      .where('action', '=', 'patient.access_denied')
      .executeTakeFirstOrThrow();
    expect(row.hash).toBeNull();
    expect(
      await t.deps.db.selectFrom('audit_event').where('action', '=', 'patient.update').execute(),
    ).toEqual([]);
    const r = await verifyAuditChain(t.deps.db, t.deps.config);
    expect(r).toMatchObject({ ok: true, pending: 1 });
    expect(await integrateAll(t.deps)).toBe(1);
  });

  it('an event whose transaction commits late gets a later index (no commit-order trap)', async () => {
    const ctx = cliContext(t.deps);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let written!: () => void;
    const slowWritten = new Promise<void>((r) => {
      written = r;
    });
    const slow = withTransaction(t.deps.db, async (trx) => {
      await recordAudit(trx, ctx, { action: 'test.slow' });
      written();
      await gate;
    });
    // The slow event holds its (lower) seq, uncommitted, before the fast one is written: no sleep needed.
    await slowWritten;
    await recordAudit(t.deps.db, ctx, { action: 'test.fast' });
    await integrateAll(t.deps);
    release();
    await slow;
    await integrateAll(t.deps);
    const rows = await t.deps.db
      .selectFrom('audit_leaf as l')
      .innerJoin('audit_event as e', 'e.seq', 'l.seq')
      .select(['l.idx', 'e.seq', 'e.action'])
      .where('e.action', 'in', ['test.slow', 'test.fast'])
      .orderBy('l.idx')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['test.fast', 'test.slow']);
    expect(rows[0]!.seq).toBeGreaterThan(rows[1]!.seq);
    expect(await verifyAuditChain(t.deps.db, t.deps.config)).toMatchObject({ ok: true });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events, leaves and checkpoints for the application role', async () => {
    await expect(sql`update audit_event set action = 'x'`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`update audit_leaf set seq = seq`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_checkpoint`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_tree_node`.execute(t.deps.db)).rejects.toThrow(/append-only/);
  });

  it('chartkeeper audit verify exits 0 when intact', async () => {
    await checkpointAudit(t.deps);
    const r = cli(t, ['audit', 'verify']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/audit trail intact: \d+ events verified/);
  }, 120_000);

  it('chartkeeper audit prove prints an inclusion proof that verifies', async () => {
    const leaf = await leafAt(t, 5);
    const p = cli(t, ['audit', 'prove', leaf.id]);
    expect(p.status).toBe(0);
    const proof = JSON.parse(p.stdout);
    expect(proof).toMatchObject({ eventId: leaf.id, leafIndex: 5 });
    expect(proof.checkpoint).toContain('chartkeeper.audit/v1');
    const ok = verifyInclusion(
      5,
      proof.treeSize,
      Buffer.from(proof.leafHash, 'base64'),
      proof.proof.map((x: string) => Buffer.from(x, 'base64')),
      Buffer.from(proof.rootHash, 'base64'),
    );
    expect(ok).toBe(true);
  }, 120_000);

  it('detects and names an event altered through a superuser connection', async () => {
    const victim = await leafAt(t, 10);
    await asSuperuser(t, async (c) => {
      await sql`update audit_event set patient_ids = '{}' where seq = ${victim.seq}`.execute(c);
    });
    const r = cli(t, ['audit', 'verify']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `log index 10 (event seq ${victim.seq}, id ${victim.id}) does not match its leaf hash`,
    );
  }, 120_000);
});

describe('tampering by a superuser', () => {
  it('names a deleted event', async () => {
    const t2 = await freshLog(6, 100);
    const victim = await leafAt(t2, 2);
    await asSuperuser(t2, async (c) => {
      await sql`delete from audit_event where seq = ${victim.seq}`.execute(c);
    });
    const r = await verifyAuditChain(t2.deps.db, t2.deps.config);
    expect(r).toMatchObject({ ok: false, problem: { kind: 'missing', index: 2 } });
    await t2.close();
  });

  it('names reordered events', async () => {
    const t2 = await freshLog(6, 100);
    const a = await leafAt(t2, 3);
    const b = await leafAt(t2, 4);
    await asSuperuser(t2, async (c) => {
      await sql`update audit_leaf set seq = -1 where idx = 3`.execute(c);
      await sql`update audit_leaf set seq = ${a.seq} where idx = 4`.execute(c);
      await sql`update audit_leaf set seq = ${b.seq} where idx = 3`.execute(c);
    });
    const r = await verifyAuditChain(t2.deps.db, t2.deps.config);
    expect(r).toMatchObject({ ok: false, problem: { kind: 'leaf-mismatch', index: 3, id: b.id } });
    await t2.close();
  });

  it('detects a rewritten tail with every hash recomputed, which the old chain could not', async () => {
    // Checkpoints at sizes 4 and 8; the attacker rewrites event 4 and everything the sequencer derived.
    const t2 = await freshLog(8, 4);
    const victim = await leafAt(t2, 4);
    await asSuperuser(t2, async (c) => {
      await sql`update audit_event set actor_username = 'someone-else' where seq = ${victim.seq}`.execute(c);
      const rows = await c
        .selectFrom('audit_leaf as l')
        .innerJoin('audit_event as e', 'e.seq', 'l.seq')
        .selectAll('e')
        .select('l.idx')
        .orderBy('l.idx')
        .execute();
      const f = new Frontier();
      for (const row of rows) {
        const h = leafHash(contentString(row));
        f.append(h);
        await sql`update audit_leaf set hash = ${h} where idx = ${row.idx}`.execute(c);
        // Even the database's copy of each checkpoint root is replaced; only the signature cannot be.
        await sql`update audit_checkpoint set root = ${f.root()} where tree_size = ${f.size}`.execute(c);
      }
      await sql`update audit_tree set root = ${f.root()}, frontier = ${f.hashes}`.execute(c);
    });
    const r = await verifyAuditChain(t2.deps.db, t2.deps.config);
    expect(r).toMatchObject({ ok: false, problem: { kind: 'checkpoint', index: 4, treeSize: 8 } });
    const out = cli(t2, ['audit', 'verify']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('first bad log index 4');
    await t2.close();
  }, 120_000);

  it('detects a cut tail (events, leaves and checkpoints deleted in the database)', async () => {
    const t2 = await freshLog(8, 4);
    await asSuperuser(t2, async (c) => {
      await sql`delete from audit_event where seq in (select seq from audit_leaf where idx >= 6)`.execute(c);
      await sql`delete from audit_leaf where idx >= 6`.execute(c);
      await sql`delete from audit_checkpoint where tree_size > 6`.execute(c);
    });
    const r = await verifyAuditChain(t2.deps.db, t2.deps.config);
    // The copy in the checkpoint file outside the database still covers 8 events.
    expect(r).toMatchObject({ ok: false, problem: { kind: 'checkpoint', index: 6, reason: 'beyond-end' } });
    await t2.close();
  });

  it('proves inclusion from the stored tree across stored-node levels', async () => {
    const t2 = await freshLog(0, 1);
    const ctx = cliContext(t2.deps);
    await withTransaction(t2.deps.db, async (trx) => {
      await recordAudit(
        trx,
        ctx,
        Array.from({ length: 700 }, (_, i) => ({ action: 'patient.read', details: { i } })),
      );
    });
    await integrateAll(t2.deps);
    await checkpointAudit(t2.deps);
    for (const idx of [0, 255, 256, 511, 699]) {
      const leaf = await leafAt(t2, idx);
      const p = await proveAuditEvent(t2.deps.db, leaf.id);
      const ok = verifyInclusion(
        idx,
        p.treeSize,
        Buffer.from(p.leafHash, 'base64'),
        p.proof.map((x) => Buffer.from(x, 'base64')),
        Buffer.from(p.rootHash, 'base64'),
      );
      expect(ok).toBe(true);
    }
    expect(await verifyAuditChain(t2.deps.db, t2.deps.config)).toMatchObject({ ok: true, count: 700 });
    await t2.close();
  });

  it('names an altered, a deleted and an injected interior tree node', async () => {
    const t2 = await freshLog(0, 1);
    const ctx = cliContext(t2.deps);
    await recordAudit(
      t2.deps.db,
      ctx,
      Array.from({ length: 600 }, (_, i) => ({ action: 'patient.read', details: { i } })),
    );
    await integrateAll(t2.deps);
    await checkpointAudit(t2.deps);
    expect(await verifyAuditChain(t2.deps.db, t2.deps.config)).toMatchObject({ ok: true, count: 600 });
    // Node 1 of level 8 covers log indexes 256–511; the leaves and events stay intact.
    await asSuperuser(t2, async (c) => {
      await sql`update audit_tree_node set hash = sha256('forged'::bytea) where level = 8 and idx = 1`.execute(
        c,
      );
    });
    expect(await verifyAuditChain(t2.deps.db, t2.deps.config)).toMatchObject({
      ok: false,
      problem: { kind: 'tree-node', level: 8, node: 1, index: 256, reason: 'altered' },
    });
    const out = cli(t2, ['audit', 'verify']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('stored tree node level 8, node 1 (log indexes 256–511)');
    await asSuperuser(t2, async (c) => {
      await sql`delete from audit_tree_node where level = 8 and idx = 1`.execute(c);
    });
    expect(await verifyAuditChain(t2.deps.db, t2.deps.config)).toMatchObject({
      ok: false,
      problem: { kind: 'tree-node', level: 8, node: 1, reason: 'missing' },
    });
    await asSuperuser(t2, async (c) => {
      await sql`insert into audit_tree_node (level, idx, hash)
        select 8, 1, hash from audit_tree_node where level = 8 and idx = 0`.execute(c);
      await sql`update audit_tree_node n set hash = x.h from (select ${await rootOf(t2, 256, 512)}::bytea as h) x
        where n.level = 8 and n.idx = 1`.execute(c);
      await sql`insert into audit_tree_node (level, idx, hash) values (8, 2, sha256('x'::bytea))`.execute(c);
    });
    expect(await verifyAuditChain(t2.deps.db, t2.deps.config)).toMatchObject({
      ok: false,
      problem: { kind: 'tree-node', level: 8, node: 2, index: 600, reason: 'extra' },
    });
    await t2.close();
  }, 120_000);
});

/** The Merkle root of leaves [a, b) (a perfect aligned subtree), from the stored leaf hashes. */
async function rootOf(t: TestApp, a: number, b: number): Promise<Buffer> {
  const rows = await t.deps.db
    .selectFrom('audit_leaf')
    .select('hash')
    .where('idx', '>=', a)
    .where('idx', '<', b)
    .orderBy('idx')
    .execute();
  let hs = rows.map((r) => r.hash);
  while (hs.length > 1) {
    const up: Buffer[] = [];
    for (let i = 0; i < hs.length; i += 2) up.push(nodeHash(hs[i]!, hs[i + 1]!));
    hs = up;
  }
  return hs[0]!;
}
