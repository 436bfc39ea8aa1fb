import { randomUUID } from 'node:crypto';
import type { Config } from '../../kernel/config.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../../kernel/db.ts';
import { appendAuditEvents } from './audit.queries.ts';
import type { ChainedEvent } from './audit-chain.ts';
import { type VerifyResult, verifyAuditLog } from './audit-log.service.ts';

/** What a service says happened; the writer adds who, when and where. */
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
 * Appends events to the audit log in the caller's transaction (DESIGN invariant 1: the audit event commits
 * or rolls back with the work it records). No lock and no hash: the sequencer integrates committed events
 * into the Merkle tree (./sequencer.ts, issue 18); the event is searchable as soon as it commits.
 * @param db - the caller's transaction (a pool is wrapped in one)
 */
export async function recordAudit(
  db: DbOrTx,
  ctx: RequestContext,
  events: AuditInput | AuditInput[],
): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  const rows = list.map((e) => toRow(ctx, e));
  await withTransaction(db, (trx) => appendAuditEvents(trx, rows));
}

/**
 * Records a refused or failed attempt in its own transaction, so it is kept even though the work it
 * describes is rolled back (issue 3: denied attempts are recorded).
 */
export async function recordDenied(ctx: RequestContext, event: AuditInput): Promise<void> {
  await recordAudit(ctx.db, ctx, { outcome: 'denied', ...event });
}

/**
 * Verifies the whole log (`chartkeeper audit verify`, and `chartkeeper backup` before the snapshot):
 * see verifyAuditLog in ./audit-log.service.ts.
 */
export async function verifyAuditChain(
  db: DbOrTx,
  config: Config,
  onProgress?: (checked: number) => void,
): Promise<VerifyResult> {
  return verifyAuditLog(db, config, onProgress);
}
