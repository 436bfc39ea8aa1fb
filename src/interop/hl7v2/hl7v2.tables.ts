import type { Generated } from 'kysely';

/** How a received message ended: the ACK code it was answered with, or 'duplicate' when not applied again. */
export type Hl7v2Outcome = 'AA' | 'AE' | 'AR';

/**
 * Every message received (MLLP or file import), kept verbatim for audit and replay. The raw text is never
 * changed; a replay appends a row to hl7v2_attempt and updates the latest outcome here.
 */
export interface Hl7v2MessageTable {
  id: Generated<string>;
  received_at: Date;
  /** 'mllp' or 'file'. */
  source: string;
  sending_application: string | null;
  sending_facility: string | null;
  control_id: string | null;
  /** MSH-9 as received, e.g. ADT^A01^ADT_A01. */
  message_type: string | null;
  raw: string;
  /** SHA-256 of the normalised text: tells a resend of the same message from a reused control id. */
  content_hash: string;
  outcome: Hl7v2Outcome;
  /** Non-PHI: the ERR text (field location and reason) of the latest answer. */
  error: string | null;
  ack: string;
  patient_id: string | null;
  /** How many times a duplicate (same sender, control id and content) was received after this one. */
  duplicates: Generated<number>;
  attempts: Generated<number>;
  updated_at: Date;
}

/** Each processing attempt (the first receipt and every replay): who, when, with what answer. */
export interface Hl7v2AttemptTable {
  id: Generated<string>;
  message_id: string;
  attempted_at: Date;
  attempted_by: string;
  outcome: Hl7v2Outcome;
  error: string | null;
}

/** The sending system's visit number (PV1-19) → our encounter, so later events find the visit. */
export interface Hl7v2VisitTable {
  authority: string;
  visit_number: string;
  encounter_id: string;
  created_at: Date;
}

export interface Hl7v2Tables {
  hl7v2_message: Hl7v2MessageTable;
  hl7v2_attempt: Hl7v2AttemptTable;
  hl7v2_visit: Hl7v2VisitTable;
}
