import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../access/index.ts';
import type { AppDeps, RequestContext } from '../../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../../kernel/db.ts';
import { issue } from './errors.ts';
import {
  countDuplicate,
  insertAttempt,
  insertMessage,
  interfaceUserId,
  messagesByControlId,
} from './hl7v2.queries.ts';
import type { Hl7v2Outcome } from './hl7v2.tables.ts';
import { contentHash, type Header, headerOf, normalise, parseMessage } from './message.ts';
import { ackFor, applyMessage, errorText, headerIssues, interfaceContext, type Outcome } from './process.ts';

/** What the sender gets back, and where the message is kept. */
export interface Receipt {
  messageId: string;
  outcome: Hl7v2Outcome;
  ack: string;
  duplicate: boolean;
}

/** The sender and control id from an MSH we could not fully parse, to echo them in the ACK. */
function roughHeader(text: string): Partial<Header> {
  const msh = text.split('\r')[0] ?? '';
  if (!msh.startsWith('MSH') || msh.length < 4) return {};
  const f = msh.split(msh[3]!);
  const part = (i: number) => (f[i] ?? '').split('^')[0]?.slice(0, 180) ?? '';
  return { sendingApplication: part(2), sendingFacility: part(3), controlId: part(9), version: part(11) };
}

interface Stored {
  id: string;
  text: string;
  hash: string;
  source: string;
  header: Partial<Header>;
}

/** Stores a message with its outcome, the first attempt and the audit event, in the caller's transaction. */
async function keepMessage(trx: DbOrTx, ctx: RequestContext, s: Stored, o: Outcome, ack: string) {
  const now = ctx.clock.now();
  await insertMessage(trx, {
    id: s.id,
    received_at: now,
    source: s.source,
    sending_application: s.header.sendingApplication || null,
    sending_facility: s.header.sendingFacility || null,
    control_id: s.header.controlId || null,
    message_type: s.header.messageType?.slice(0, 60) || null,
    raw: s.text,
    content_hash: s.hash,
    outcome: o.code,
    error: errorText(o),
    ack,
    patient_id: o.patientId,
    updated_at: now,
  });
  await insertAttempt(trx, {
    message_id: s.id,
    attempted_at: now,
    attempted_by: ctx.operator ?? 'hl7v2-interface',
    outcome: o.code,
    error: errorText(o),
  });
  await recordAudit(trx, ctx, {
    action: 'hl7v2.message.receive',
    outcome: o.code === 'AA' ? 'success' : 'failure',
    patientIds: o.patientId ? [o.patientId] : [],
    resourceType: 'Hl7v2Message',
    resourceId: s.id,
    details: { type: s.header.messageType ?? null, ack: o.code, source: s.source },
  });
}

/** Stores a message that was not applied (AE/AR) in its own transaction. */
async function keepUnapplied(deps: AppDeps, s: Stored, o: Outcome): Promise<Receipt> {
  const ack = ackFor(s.header, o, deps.clock.now(), ackId(s.id));
  await withTransaction(deps.db, async (trx) => {
    await keepMessage(trx, interfaceContext(deps, trx, await interfaceUserId(trx)), s, o, ack);
  });
  return { messageId: s.id, outcome: o.code, ack, duplicate: false };
}

/** MSH-10 of our ACK: unique, 20 characters (the 2.5.1 ST length of MSH-10). */
const ackId = (messageId: string) => messageId.replace(/-/g, '').slice(0, 20);

/** A resend of a stored message: not applied again; the sender gets the first answer once more. */
async function duplicateOf(deps: AppDeps, s: Stored): Promise<Receipt | Outcome | undefined> {
  const h = s.header;
  if (!h.controlId) return undefined;
  const seen = await messagesByControlId(
    deps.db,
    h.sendingApplication ?? '',
    h.sendingFacility ?? '',
    h.controlId,
  );
  const same = seen.find((m) => m.content_hash === s.hash);
  if (same) {
    await countDuplicate(deps.db, same.id, deps.clock.now());
    return { messageId: same.id, outcome: same.outcome, ack: same.ack, duplicate: true };
  }
  if (seen.length > 0)
    return {
      code: 'AE',
      issues: [
        issue('MSH-10', 'this control id was already used for a different message from this sender', '205'),
      ],
      patientId: null,
    };
  return undefined;
}

/**
 * Receives one HL7 v2 message (from MLLP, a file or the monitor) and answers its ACK: AA applied (with
 * warnings for values left out), AE not applied with the field at fault, AR not processable (not HL7,
 * bad header, unsupported type, or a failure on our side). The raw text is kept whatever the outcome.
 * @param raw - the message text; a BOM and CR, LF or CRLF segment separators are accepted
 */
export async function receiveMessage(deps: AppDeps, raw: string, source: string): Promise<Receipt> {
  const text = normalise(raw);
  const s: Stored = { id: randomUUID(), text, hash: contentHash(text), source, header: roughHeader(text) };
  let msg: ReturnType<typeof parseMessage>;
  try {
    msg = parseMessage(text);
    s.header = headerOf(msg);
  } catch (e) {
    return keepUnapplied(deps, s, {
      code: 'AR',
      issues: [issue('MSH', (e as Error).message, '100')],
      patientId: null,
    });
  }
  const dup = await duplicateOf(deps, s);
  if (dup && 'messageId' in dup) return dup;
  if (dup) return keepUnapplied(deps, s, dup);
  const bad = headerIssues(s.header as Header);
  if (bad) return keepUnapplied(deps, s, { ...bad, patientId: null });
  let ack = '';
  const r = await applyMessage(deps, msg, s.header as Header, async (trx, ctx, o) => {
    ack = ackFor(s.header, o, ctx.clock.now(), ackId(s.id));
    await keepMessage(trx, ctx, s, o, ack);
  });
  if ('code' in r) return { messageId: s.id, outcome: r.code, ack, duplicate: false };
  if (isUniqueViolation(r.error)) {
    // The same message arrived twice at once: the other copy won; answer as for a resend.
    const again = await duplicateOf(deps, s);
    if (again && 'messageId' in again) return again;
  }
  if (r.failed.code === 'AR')
    deps.log.error({ err: errName(r.error), messageId: s.id }, 'hl7v2 message failed');
  return keepUnapplied(deps, s, r.failed);
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';
/** Only the error's class and code reach the log: messages of database errors can quote values (PHI). */
const errName = (e: unknown) =>
  `${(e as Error)?.name ?? 'Error'} ${(e as { code?: string })?.code ?? ''}`.trim();

/** A message submitted through the monitor: processed like any other, kept with who submitted it. */
export async function submitMessage(ctx: RequestContext, text: string): Promise<Receipt> {
  return receiveMessage(ctx, text, `manual:${ctx.actor?.username ?? ctx.operator ?? 'unknown'}`);
}
