// crypto.hash is the one-shot digest (Node 20.12+): much cheaper than createHash for short inputs.
import { hash } from 'node:crypto';

/** The fields of an audit event that its hash covers, in a fixed order. */
export interface ChainedEvent {
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_roles: string[];
  facility_id: string | null;
  action: string;
  outcome: string;
  patient_ids: string[];
  resource_type: string | null;
  resource_id: string | null;
  purpose_of_use: string | null;
  break_glass: boolean;
  source_ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  channel: string | null;
  details: unknown;
  prev_hash: string | null;
}

/** JSON with object keys sorted at every level, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 (hex) of an event's canonical content, without its link. The fixed fields are primitives or
 * arrays of strings, for which JSON.stringify is already canonical; only `details` needs its keys sorted.
 * The result equals canonicalJson over the whole field list (a unit test holds them equal), at a fraction
 * of the cost — `audit verify` hashes every event.
 */
export function contentHash(e: Omit<ChainedEvent, 'prev_hash'>): string {
  return hash('sha256', contentString(e), 'hex');
}

/** The canonical content an event's hash covers; also the entry of its Merkle leaf (issue 18). */
export function contentString(e: Omit<ChainedEvent, 'prev_hash'>): string {
  const fixed = JSON.stringify([
    e.id,
    e.occurred_at.toISOString(),
    e.actor_user_id,
    e.actor_username,
    e.actor_roles,
    e.facility_id,
    e.action,
    e.outcome,
    e.patient_ids.length > 1 ? [...e.patient_ids].sort() : e.patient_ids,
    e.resource_type,
    e.resource_id,
    e.purpose_of_use,
    e.break_glass,
    e.source_ip,
    e.user_agent,
    e.request_id,
    e.channel,
  ]);
  const details = e.details === null || e.details === undefined ? 'null' : canonicalJson(e.details);
  return `${fixed.slice(0, -1)},${details}]`;
}

/** The same content as `contentHash` hashes, built the slow general way (for the equality test). */
export function canonicalContent(e: Omit<ChainedEvent, 'prev_hash'>): string {
  return canonicalJson([
    e.id,
    e.occurred_at.toISOString(),
    e.actor_user_id,
    e.actor_username,
    e.actor_roles,
    e.facility_id,
    e.action,
    e.outcome,
    [...e.patient_ids].sort(),
    e.resource_type,
    e.resource_id,
    e.purpose_of_use,
    e.break_glass,
    e.source_ip,
    e.user_agent,
    e.request_id,
    e.channel,
    e.details ?? null,
  ]);
}

/** The link: SHA-256(content hash ‖ '|' ‖ previous hash), as the database function audit_append computes it. */
export const linkHash = (content: string, prev: string | null): string =>
  hash('sha256', `${content}|${prev ?? ''}`, 'hex');

/**
 * hash = SHA-256(content hash | previous hash). Changing, removing or reordering any event breaks
 * the link to every later one, which `audit verify` detects.
 */
export function hashEvent(e: ChainedEvent): string {
  return linkHash(contentHash(e), e.prev_hash);
}

export type ChainProblem =
  | { kind: 'altered'; seq: number; id: string }
  | { kind: 'broken-link'; seq: number; id: string; expectedPrev: string | null };

/**
 * Walks events in sequence order and reports the first problem: an event whose content no longer matches
 * its hash (altered), or whose prev_hash is not the hash of the event before it (removed or reordered).
 */
export class ChainVerifier {
  private last: string | null = null;
  count = 0;
  check(e: ChainedEvent & { seq: number; hash: string }): ChainProblem | undefined {
    if ((e.prev_hash ?? null) !== this.last) {
      return { kind: 'broken-link', seq: e.seq, id: e.id, expectedPrev: this.last };
    }
    if (hashEvent(e) !== e.hash) return { kind: 'altered', seq: e.seq, id: e.id };
    this.last = e.hash;
    this.count++;
    return undefined;
  }
}
