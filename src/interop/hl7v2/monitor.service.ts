import { assertCanSeePatient, recordAudit } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import { hl7v2Errors } from './errors.ts';
import {
  attemptsOf,
  findMessage,
  insertAttempt,
  listMessages as listMessageRows,
  type MessageRow,
  outcomeCounts,
  updateMessage,
} from './hl7v2.queries.ts';
import type { Hl7v2Outcome } from './hl7v2.tables.ts';
import { headerOf, parseMessage } from './message.ts';
import { ackFor, applyMessage, errorText, type Outcome } from './process.ts';

/**
 * The interface monitor: what arrived, how it was answered, the raw text of one message, and replay of a
 * rejected one. Listing shows no PHI (types, control ids, outcomes, field locations); the raw text is
 * opened per message, checked against the linked patient and audited like any chart read.
 */
const summary = (r: Omit<MessageRow, 'raw' | 'ack' | 'content_hash' | 'updated_at'>) => ({
  id: r.id,
  receivedAt: r.received_at.toISOString(),
  source: r.source,
  sendingApplication: r.sending_application,
  sendingFacility: r.sending_facility,
  controlId: r.control_id,
  messageType: r.message_type,
  outcome: r.outcome,
  error: r.error,
  patientId: r.patient_id,
  duplicates: r.duplicates,
  attempts: r.attempts,
});

export async function listMessages(
  ctx: RequestContext,
  q: { outcome?: Hl7v2Outcome | undefined; page: number; pageSize: number },
) {
  return withTransaction(ctx.db, async (trx) => {
    const { rows, total } = await listMessageRows(trx, {
      outcome: q.outcome,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const since = new Date(ctx.clock.now().getTime() - 24 * 3_600_000);
    const counts = { AA: 0, AE: 0, AR: 0 };
    for (const c of await outcomeCounts(trx, since)) counts[c.outcome] = Number(c.n);
    const patientIds = [...new Set(rows.flatMap((r) => (r.patient_id ? [r.patient_id] : [])))];
    await recordAudit(trx, ctx, {
      action: 'hl7v2.message.list',
      patientIds,
      resourceType: 'Hl7v2Message',
      details: { count: rows.length, outcome: q.outcome ?? null },
    });
    return {
      items: rows.map(summary),
      total,
      page: q.page,
      pageSize: q.pageSize,
      last24h: counts,
      listener: { enabled: ctx.config.HL7_MLLP_PORT !== undefined, port: ctx.config.HL7_MLLP_PORT ?? null },
    };
  });
}

/** One message with its raw text, the ACK sent and every processing attempt. */
export async function getMessage(ctx: RequestContext, id: string) {
  return withTransaction(ctx.db, async (trx) => {
    const row = await findMessage(trx, id);
    if (!row) throw hl7v2Errors.notFound();
    if (row.patient_id) await assertCanSeePatient(ctx, trx, row.patient_id, 'interface:read');
    const attempts = await attemptsOf(trx, id);
    await recordAudit(trx, ctx, {
      action: 'hl7v2.message.read',
      patientIds: row.patient_id ? [row.patient_id] : [],
      resourceType: 'Hl7v2Message',
      resourceId: id,
    });
    return {
      ...summary(row),
      raw: row.raw,
      ack: row.ack,
      history: attempts.map((a) => ({
        attemptedAt: a.attempted_at.toISOString(),
        attemptedBy: a.attempted_by,
        outcome: a.outcome,
        error: a.error,
      })),
    };
  });
}

/** Records the replay's outcome on the message: latest answer, one more attempt, who replayed it. */
async function recordReplay(ctx: RequestContext, db: DbOrTx, row: MessageRow, o: Outcome, ack: string) {
  const now = ctx.clock.now();
  await updateMessage(db, row.id, {
    outcome: o.code,
    error: errorText(o),
    ack,
    patient_id: o.patientId ?? row.patient_id,
    attempts: row.attempts + 1,
    updated_at: now,
  });
  await insertAttempt(db, {
    message_id: row.id,
    attempted_at: now,
    attempted_by: ctx.actor?.username ?? 'unknown',
    outcome: o.code,
    error: errorText(o),
  });
  await recordAudit(db, ctx, {
    action: 'hl7v2.message.replay',
    outcome: o.code === 'AA' ? 'success' : 'failure',
    patientIds: o.patientId ? [o.patientId] : [],
    resourceType: 'Hl7v2Message',
    resourceId: row.id,
    details: { ack: o.code },
  });
}

/**
 * Processes a rejected message again (after the cause was fixed, e.g. the visit it cancels has since
 * arrived). An accepted message is never replayed: that would apply it twice. The domain work, the new
 * outcome and the replaying user's audit event commit together; the row is locked so two replays at
 * once cannot both apply it.
 */
export async function replayMessage(ctx: RequestContext, id: string) {
  const row = await findMessage(ctx.db, id);
  if (!row) throw hl7v2Errors.notFound();
  if (row.outcome === 'AA') throw hl7v2Errors.alreadyApplied();
  if (row.patient_id) await assertCanSeePatient(ctx, ctx.db, row.patient_id, 'interface:read');
  const ackId = row.id.replace(/-/g, '').slice(0, 20);
  let parsed: ReturnType<typeof parseMessage>;
  try {
    parsed = parseMessage(row.raw);
  } catch {
    await withTransaction(ctx.db, (trx) =>
      recordReplay(ctx, trx, row, { code: 'AR', issues: [], patientId: null }, row.ack),
    );
    return { outcome: 'AR' as const, ack: row.ack, error: row.error };
  }
  const header = headerOf(parsed);
  let ack = '';
  const r = await applyMessage(ctx, parsed, header, async (trx, _interface, o) => {
    const locked = await findMessage(trx, id, true);
    if (locked?.outcome === 'AA') throw hl7v2Errors.alreadyApplied();
    ack = ackFor(header, o, ctx.clock.now(), ackId);
    await recordReplay(ctx, trx, locked ?? row, o, ack);
  });
  if ('code' in r) return { outcome: r.code, ack, error: errorText(r) };
  if (r.error instanceof AppError && r.error.code === 'HL7_ALREADY_APPLIED') throw r.error;
  ack = ackFor(header, r.failed, ctx.clock.now(), ackId);
  await withTransaction(ctx.db, (trx) => recordReplay(ctx, trx, row, r.failed, ack));
  return { outcome: r.failed.code, ack, error: errorText(r.failed) };
}
