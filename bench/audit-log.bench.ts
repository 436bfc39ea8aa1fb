import { verifyAuditChain } from '../src/access/audit/audit.service.ts';
import { checkpointAudit, integrateAll, startSequencer } from '../src/access/audit/sequencer.ts';
import { recordAudit } from '../src/access/index.ts';
import { cliContext } from '../src/kernel/cli-context.ts';
import { withTransaction } from '../src/kernel/db.ts';
import { type Figure, load, withBenchDatabase } from './lib.ts';

/**
 * Issue 18: (a) audited reads, 32 concurrent — each one transaction writing one audit event, as a
 * patient read does — with the sequencer running: events/s written and events/s integrated (until the
 * queue is empty); (b) `audit verify` over AUDIT_BENCH_EVENTS events (default 1,000,000), extrapolated
 * linearly to 10,000,000.
 */
const READS = Number(process.env.AUDIT_BENCH_READS ?? 20_000);
const EVENTS = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);

export async function run(): Promise<Figure[]> {
  return withBenchDatabase('audit', { AUDIT_CHECKPOINT_SECONDS: '1' }, async (deps) => {
    const ctx = cliContext(deps);
    const patient = '11111111-1111-4111-8111-111111111111';
    const stop = startSequencer(deps);
    const t0 = performance.now();
    const written = await load(READS, 32, async (i) => {
      await withTransaction(deps.db, (trx) =>
        recordAudit(trx, ctx, { action: 'patient.read', patientIds: [patient], details: { i } }),
      );
    });
    let integrated = 0;
    for (;;) {
      const r = await deps.db.selectFrom('audit_tree').select('size').executeTakeFirstOrThrow();
      integrated = r.size;
      if (integrated >= READS) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const integratedPerSecond = integrated / ((performance.now() - t0) / 1000);
    await stop();

    for (let done = READS; done < EVENTS; done += 1000) {
      const n = Math.min(1000, EVENTS - done);
      await recordAudit(
        deps.db,
        ctx,
        Array.from({ length: n }, (_, k) => ({
          action: 'patient.read',
          patientIds: [patient],
          details: { k },
        })),
      );
    }
    await integrateAll(deps);
    await checkpointAudit(deps);
    const v0 = performance.now();
    const v = await verifyAuditChain(deps.db, deps.config);
    const verifySeconds = (performance.now() - v0) / 1000;
    if (!v.ok) throw new Error(`audit log broken: ${JSON.stringify(v.problem)}`);
    return [
      { name: 'audited reads, 32 concurrent: events written', value: written.perSecond, unit: 'events/s' },
      {
        name: 'audited reads, 32 concurrent: events integrated',
        value: integratedPerSecond,
        unit: 'events/s',
        target: '≥ 3,000',
      },
      { name: `audit verify, ${v.count} events`, value: verifySeconds, unit: 's' },
      {
        name: 'audit verify, 10M events (linear extrapolation)',
        value: (verifySeconds * 10_000_000) / v.count,
        unit: 's',
        target: '≤ 60',
      },
    ];
  });
}
