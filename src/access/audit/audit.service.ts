import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../../kernel/db.ts';
import { appendAuditEvents, auditBatch } from './audit.queries.ts';
import { type ChainedEvent, type ChainProblem, ChainVerifier, contentHash } from './audit-chain.ts';

/** What a service says happened; the writer adds who, when, where and the chain hash. */
export interface AuditInput {
  /** `<area>.<verb>`, e.g. `patient.read`, `patient.search`, `auth.login`, `user.update`. */
  action: string;
  outcome?: 'success' | 'denied' | 'failure';
  patientIds?: string[];
  resourceType?: string;
  resourceId?: string;
  purposeOfUse?: string;
  breakGlass?: boolean;
  facilityId?: string;
  /** Non-PHI particulars (which fields changed, a reason code, counts). Never names or identifiers. */
  details?: Record<string, unknown>;
  /** For events before sign-in completes (failed login): the username attempted. */
  username?: string;
  userId?: string;
}

function toRow(ctx: RequestContext, e: AuditInput): Omit<ChainedEvent, 'prev_hash'> {
  const patientIds = e.patientIds ?? [];
  const flagged = e.breakGlass ?? patientIds.some((p) => ctx.breakGlassPatients?.has(p));
  return {
    id: randomUUID(),
    occurred_at: ctx.clock.now(),
    actor_user_id: e.userId ?? ctx.actor?.userId ?? null,
    actor_username: e.username ?? ctx.actor?.username ?? ctx.operator ?? null,
    actor_roles: ctx.actor?.roles ?? [],
    facility_id: e.facilityId ?? ctx.actor?.facilityIds[0] ?? null,
    action: e.action,
    outcome: e.outcome ?? 'success',
    patient_ids: patientIds,
    resource_type: e.resourceType ?? null,
    resource_id: e.resourceId ?? null,
    purpose_of_use: e.purposeOfUse ?? ctx.purposeOfUse ?? null,
    break_glass: flagged,
    source_ip: ctx.ip ?? null,
    user_agent: ctx.userAgent ?? null,
    request_id: ctx.requestId,
    channel: ctx.channel,
    details: e.details ?? null,
  };
}

/**
 * Appends events to the tamper-evident trail in the caller's transaction (DESIGN invariant 1: the audit
 * event commits or rolls back with the work it records). Write it as the last step of the transaction:
 * the chain lock is held until commit.
 * @param db - the caller's transaction (a pool is wrapped in one)
 */
export async function recordAudit(
  db: DbOrTx,
  ctx: RequestContext,
  events: AuditInput | AuditInput[],
): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  // One round trip: the database function takes the chain lock, links each event to the last one and
  // inserts it (migrations/20261125_1410_access_audit_append.ts); we hash the content here.
  const rows = list.map((e) => {
    const row = toRow(ctx, e);
    return { ...row, content_hash: contentHash(row) };
  });
  await withTransaction(db, (trx) => appendAuditEvents(trx, rows));
}

/**
 * Records a refused or failed attempt in its own transaction, so it is kept even though the work it
 * describes is rolled back (issue 3: denied attempts are recorded).
 */
export async function recordDenied(ctx: RequestContext, event: AuditInput): Promise<void> {
  await recordAudit(ctx.db, ctx, { outcome: 'denied', ...event });
}

export type VerifyResult = { ok: true; count: number } | { ok: false; count: number; problem: ChainProblem };

/** Walks the whole chain in sequence order (`chartkeeper audit verify`). */
export async function verifyAuditChain(
  db: DbOrTx,
  onProgress?: (checked: number) => void,
): Promise<VerifyResult> {
  const verifier = new ChainVerifier();
  const size = 20_000;
  let batch = await auditBatch(db, 0, size);
  while (batch.length > 0) {
    // Fetch the next batch while hashing this one, so the database and the CPU work side by side.
    const next = batch.length === size ? auditBatch(db, batch.at(-1)!.seq, size) : Promise.resolve([]);
    for (const row of batch) {
      const problem = verifier.check(row);
      if (problem) {
        await next.catch(() => undefined);
        return { ok: false, count: verifier.count, problem };
      }
    }
    onProgress?.(verifier.count);
    batch = await next;
  }
  return { ok: true, count: verifier.count };
}
