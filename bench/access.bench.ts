import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import { verifyAuditChain } from '../src/access/audit/audit.service.ts';
import { hashEvent } from '../src/access/audit/audit-chain.ts';
import { assertCanSeePatient, integrateAll, recordAudit } from '../src/access/index.ts';
import { createApiToken } from '../src/access/tokens.service.ts';
import { createUser } from '../src/access/users.service.ts';
import { appJobQueue, buildApp, hooks } from '../src/app.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { loadConfig } from '../src/kernel/config.ts';
import type { AppDeps } from '../src/kernel/context.ts';
import { type Db, withTransaction } from '../src/kernel/db.ts';
import { migrateBehindKeyGate } from '../src/kernel/keyring.ts';
import { openRuntimeDatabase } from '../src/kernel/runtime-db.ts';
import { type Figure, load, summarize } from './lib.ts';

/**
 * (a) A patient-data read through the HTTP API with the gate (bearer token, permission check,
 * patient-level decision, audit write) versus the same read with none of it; (b) `audit verify` over
 * 1,000,000 chained events.
 */
const PATIENTS = 500;
const REQUESTS = 4_000;
const CONCURRENCY = 16;
const AUDIT_EVENTS = 1_000_000;

const readPatient = (db: Db, id: string) =>
  db
    .selectFrom('patient')
    .select(['id', 'mrn', 'family_name', 'given_name', 'birth_date'])
    .where('id', '=', id)
    .executeTakeFirst();

/** The two probe routes exist only in this benchmark. */
function probeRoutes(app: FastifyInstance): void {
  app.get('/api/bench/open/:id', { config: { permission: 'public' } }, async (req) =>
    readPatient(req.ctx.db, (req.params as { id: string }).id),
  );
  app.get('/api/bench/gated/:id', { config: { permission: 'patient:read' } }, async (req) => {
    const id = (req.params as { id: string }).id;
    return withTransaction(req.ctx.db, async (trx) => {
      await assertCanSeePatient(req.ctx, trx, id);
      const row = await readPatient(trx as unknown as Db, id);
      await recordAudit(trx, req.ctx, {
        action: 'patient.read',
        patientIds: [id],
        resourceType: 'Patient',
        resourceId: id,
      });
      return row;
    });
  });
}

async function seedPatients(db: Db, n: number): Promise<string[]> {
  const now = new Date();
  const rows = Array.from({ length: n }, (_, i) => ({
    mrn: `B${String(i).padStart(7, '0')}`,
    family_name: `Benchfamily${i}`,
    given_name: 'Pat',
    middle_name: null,
    suffix: null,
    birth_date: '1970-01-01',
    sex_at_birth: 'U' as const,
    merged_into: null,
    created_at: now,
    updated_at: now,
  }));
  const out = await db.insertInto('patient').values(rows).returning('id').execute();
  return out.map((r) => r.id);
}

async function measure(base: string, route: string, ids: string[], headers: Record<string, string>) {
  const res = await load(REQUESTS, CONCURRENCY, async (i) => {
    const r = await fetch(`${base}/api/bench/${route}/${ids[i % ids.length]}`, { headers });
    if (!r.ok) throw new Error(`${route}: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
  });
  return { ...summarize(res.latencies), perSecond: res.perSecond };
}

/** Appends `count` valid chained events quickly: hashes computed in Node, rows inserted with unnest. */
async function seedAuditChain(db: Db, count: number): Promise<void> {
  const last = await db
    .selectFrom('audit_event')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let prev = last?.hash ?? null;
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  for (let done = 0; done < count; ) {
    const n = Math.min(10_000, count - done);
    const cols = {
      id: [] as string[],
      at: [] as Date[],
      action: [] as string[],
      prev: [] as (string | null)[],
      hash: [] as string[],
    };
    for (let k = 0; k < n; k++) {
      const e = {
        id: crypto.randomUUID(),
        occurred_at: new Date(t0 + (done + k) * 1000),
        actor_user_id: null,
        actor_username: 'bench',
        actor_roles: [],
        facility_id: null,
        action: 'bench.event',
        outcome: 'success',
        patient_ids: [],
        resource_type: null,
        resource_id: null,
        purpose_of_use: null,
        break_glass: false,
        source_ip: null,
        user_agent: null,
        request_id: null,
        channel: 'job',
        details: null,
        prev_hash: prev,
      };
      const hash = hashEvent(e);
      cols.id.push(e.id);
      cols.at.push(e.occurred_at);
      cols.action.push(e.action);
      cols.prev.push(prev);
      cols.hash.push(hash);
      prev = hash;
    }
    await sql`insert into audit_event (id, occurred_at, actor_username, action, outcome, channel, prev_hash, hash)
      select id, at, 'bench', action, 'success', 'job', prev, hash
      from unnest(${cols.id}::uuid[], ${cols.at}::timestamptz[], ${cols.action}::text[], ${cols.prev}::text[], ${cols.hash}::text[])
        with ordinality as t(id, at, action, prev, hash, ord) order by ord`.execute(db);
    done += n;
  }
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ck-bench-access-'));
  const config = loadConfig({ CHARTKEEPER_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const database = await openRuntimeDatabase(config, 'server');
  try {
    await migrateBehindKeyGate(database.db, config);
    const deps: AppDeps = {
      config,
      db: database.db,
      pool: database.pool,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      dbMode: database.mode,
      jobs: appJobQueue(database.pool, pino({ level: 'silent' })),
      hooks,
    };
    const ctx = cliContext(deps);
    const { id: userId } = await createUser(ctx, {
      username: 'bench-clerk',
      fullName: 'Bench Clerk',
      roles: ['registration_clerk'],
      password: 'benchmark passphrase 2026',
    });
    const { token } = await createApiToken(ctx, userId, { name: 'bench' });
    const ids = await seedPatients(database.db, PATIENTS);
    const app = await buildApp(deps, { webDist: '/nonexistent' });
    probeRoutes(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await measure(base, 'open', ids.slice(0, 50), {}); // warm-up
    await measure(base, 'gated', ids.slice(0, 50), { authorization: `Bearer ${token}` });
    const open = await measure(base, 'open', ids, {});
    const gated = await measure(base, 'gated', ids, { authorization: `Bearer ${token}` });
    await app.close();

    const s0 = performance.now();
    await seedAuditChain(database.db, AUDIT_EVENTS);
    const seedSeconds = (performance.now() - s0) / 1000;
    // Seeded rows bypass audit_append: queue them for the sequencer, then integrate (issue 18).
    await sql`insert into audit_pending select seq from audit_event e
      where not exists (select 1 from audit_leaf l where l.seq = e.seq) on conflict do nothing`.execute(
      database.db,
    );
    await integrateAll(deps);
    const v0 = performance.now();
    const verified = await verifyAuditChain(database.db, config);
    const verifySeconds = (performance.now() - v0) / 1000;
    if (!verified.ok) throw new Error(`chain broken: ${JSON.stringify(verified.problem)}`);

    return [
      { name: 'read without gate: p50', value: open.p50, unit: 'ms' },
      { name: 'read without gate: p95', value: open.p95, unit: 'ms' },
      { name: 'read without gate: throughput', value: open.perSecond, unit: 'req/s' },
      { name: 'read with gate + audit: p50', value: gated.p50, unit: 'ms' },
      { name: 'read with gate + audit: p95', value: gated.p95, unit: 'ms' },
      { name: 'read with gate + audit: throughput', value: gated.perSecond, unit: 'req/s' },
      {
        name: 'gate cost (share of gated p50)',
        value: ((gated.p50 - open.p50) / gated.p50) * 100,
        unit: '%',
        target: '< 20',
      },
      { name: 'throughput ratio gated/open', value: gated.perSecond / open.perSecond, unit: 'x' },
      { name: `seed ${AUDIT_EVENTS} chained events`, value: seedSeconds, unit: 's' },
      { name: `audit verify over ${verified.count} events`, value: verifySeconds, unit: 's', target: '< 30' },
    ];
  } finally {
    await database.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}
