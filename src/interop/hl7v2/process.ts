import { randomUUID } from 'node:crypto';
import type { Hl7Message } from '@medplum/core';
import { permissionsFor } from '../../access/permissions.ts';
import type { AppDeps, RequestContext } from '../../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../../kernel/db.ts';
import { type AckCode, buildAck } from './ack.ts';
import { Hl7Rejection, issue } from './errors.ts';
import { type EventResult, HANDLERS } from './events.ts';
import { INTERFACE_USERNAME, interfaceUserId } from './hl7v2.queries.ts';
import type { Header, Hl7Issue } from './message.ts';

/**
 * Applying one parsed message as the interface's system actor, in one transaction with whatever the
 * caller stores about it (the message row, the attempt, the audit event), so the ACK is only built once
 * the outcome is durable (HL7 2.5.1 §2.9.2: acknowledge after safe storage).
 */
export interface Outcome {
  code: AckCode;
  issues: Hl7Issue[];
  patientId: string | null;
}

/**
 * The interface acts as its service account with the HIM clerk's reach (it must update VIP and
 * confidential registrations like the registration desk does), on the audited channel 'hl7v2'.
 */
export function interfaceContext(
  deps: AppDeps,
  db: DbOrTx,
  userId: string,
  requestId = randomUUID(),
): RequestContext {
  const roles = ['him_clerk'];
  // Only the shared dependencies: nothing of a calling user's context (actor, break-glass) carries over.
  const { config, pool, clock, log, dbMode, hooks, jobs } = deps;
  return {
    config,
    pool,
    clock,
    log,
    dbMode,
    jobs,
    hooks,
    db: db as AppDeps['db'],
    requestId,
    channel: 'hl7v2',
    operator: INTERFACE_USERNAME,
    actor: {
      userId,
      username: INTERFACE_USERNAME,
      roles,
      permissions: permissionsFor(roles),
      facilityIds: [],
    },
  };
}

/** Problems with the header itself: the message cannot be processed at all (AR, table 0008). */
export function headerIssues(h: Header): { code: AckCode; issues: Hl7Issue[] } | undefined {
  if (!h.controlId)
    return { code: 'AR', issues: [issue('MSH-10', 'the message control id is required', '101')] };
  if (!h.type || !h.trigger)
    return { code: 'AR', issues: [issue('MSH-9', 'the message type and trigger event are required', '101')] };
  if (h.version && !/^2\.\d/.test(h.version))
    return { code: 'AR', issues: [issue('MSH-12', `version ${h.version} is not HL7 v2`, '203')] };
  if (!HANDLERS[`${h.type}^${h.trigger}`])
    return {
      code: 'AR',
      issues: [
        issue(
          'MSH-9',
          `${h.type}^${h.trigger} is not supported (supported: ${Object.keys(HANDLERS).join(', ')})`,
          HANDLERS[`${h.type}^A01`] || h.type === 'ORU' ? '201' : '200',
        ),
      ],
    };
  return undefined;
}

/**
 * Runs the event handler and then `keep` in one transaction. A rejection (AE) or an unexpected failure
 * (AR: "try again later") rolls everything back; the caller then stores the outcome on its own.
 */
export async function applyMessage(
  deps: AppDeps,
  msg: Hl7Message,
  header: Header,
  keep: (trx: DbOrTx, ctx: RequestContext, outcome: Outcome) => Promise<void>,
): Promise<Outcome | { failed: Outcome; error: unknown }> {
  const handler = HANDLERS[`${header.type}^${header.trigger}`];
  if (!handler) throw new Error('applyMessage needs a supported message type');
  try {
    return await withTransaction(deps.db, async (trx) => {
      const ctx = interfaceContext(deps, trx, await interfaceUserId(trx));
      const r: EventResult = await handler({ ctx, db: trx, msg, header, interfaceUserId: ctx.actor!.userId });
      const outcome: Outcome = { code: 'AA', issues: r.warnings, patientId: r.patientId ?? null };
      await keep(trx, ctx, outcome);
      return outcome;
    });
  } catch (e) {
    if (e instanceof Hl7Rejection)
      return { failed: { code: 'AE', issues: e.issues, patientId: null }, error: e };
    return {
      failed: {
        code: 'AR',
        issues: [issue('MSH', 'the message could not be processed now; send it again later', '207')],
        patientId: null,
      },
      error: e,
    };
  }
}

export const ackFor = (h: Partial<Header>, o: Outcome, now: Date, ackId: string): string =>
  buildAck(h, o.code, o.issues, now, ackId);

/** The text kept in hl7v2_message.error: locations and reasons, never values (no PHI). */
export const errorText = (o: Outcome): string | null =>
  o.issues.length
    ? o.issues
        .map((i) => `${i.severity === 'E' ? 'Error' : 'Warning'} ${i.location}: ${i.message}`)
        .join('; ')
        .slice(0, 2000)
    : null;
