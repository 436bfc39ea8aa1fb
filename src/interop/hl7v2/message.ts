import { createHash } from 'node:crypto';
import { Hl7Message, type Hl7Segment } from '@medplum/core';

/**
 * Reading HL7 v2 messages with @medplum/core's parser (the issue asks for a maintained parser). What we
 * add is only what the parser leaves to the receiver: a leading byte-order mark, CR/LF/CRLF segment
 * separators (HL7 2.5.1 §2.5.3 says CR; senders and files often use LF), and unescaping values.
 */

/** A field at fault, in HL7 location terms (ERR-2: segment, field, component). */
export interface Hl7Issue {
  /** e.g. `PID-7` or `PV1-19`. */
  location: string;
  message: string;
  /** ERR-4 severity: E stops the message, W is applied without the value. */
  severity: 'E' | 'W';
  /** HL7 table 0357 error code: 100 segment sequence, 101 required field missing, 102 data type, 103 table value, 200 unsupported message type, 204 unknown key, 205 duplicate key, 207 application error. */
  code: string;
}

export class Hl7ParseError extends Error {}

/** Strips the BOM and trailing blank lines and makes every segment end with CR, the standard separator. */
export function normalise(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((s) => s.replace(/\s+$/, ''))
    .filter((s) => s.length > 0)
    .join('\r');
}

export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Parses normalised text; refuses what is not an HL7 v2 message at all (no MSH, no encoding characters). */
export function parseMessage(text: string): Hl7Message {
  if (!/^MSH[^A-Za-z0-9\r]/.test(text) || text.length < 8)
    throw new Hl7ParseError('The message does not start with an MSH segment.');
  const msg = Hl7Message.parse(text);
  const bad = msg.segments.find((s) => !/^[A-Z][A-Z0-9]{2}$/.test(s.name));
  if (bad) throw new Hl7ParseError('A segment does not start with a three-character segment name.');
  return msg;
}

/** HL7 escape sequences (2.5.1 §2.7.4) back to text; highlighting and hex escapes are dropped/decoded. */
export function unescapeHl7(value: string): string {
  return value.replace(/\\([^\\]*)\\/g, (_m, code: string) => {
    if (code === 'F') return '|';
    if (code === 'S') return '^';
    if (code === 'T') return '&';
    if (code === 'R') return '~';
    if (code === 'E') return '\\';
    if (code === '.br') return '\n';
    if (code.startsWith('X') && /^X([0-9A-Fa-f]{2})+$/.test(code))
      return Buffer.from(code.slice(1), 'hex').toString('latin1');
    return '';
  });
}

/**
 * One value: field, component (1-based), first subcomponent, repetition; unescaped and trimmed.
 * `""` (explicit null, §2.5.3) comes back as the empty string too; use `isExplicitNull` to tell.
 */
export function value(seg: Hl7Segment | undefined, field: number, component = 1, repetition = 0): string {
  if (!seg) return '';
  const f = seg.getField(field);
  if (!f || repetition >= f.components.length) return '';
  const raw = f.getComponent(component, 0, repetition);
  return raw === '""' ? '' : unescapeHl7(raw).trim();
}

export const repetitions = (seg: Hl7Segment | undefined, field: number): number =>
  seg?.getField(field)?.components.length ?? 0;

export const isExplicitNull = (seg: Hl7Segment | undefined, field: number): boolean =>
  seg?.getField(field)?.toString() === '""';

/** The whole field as sent (for presence checks). */
export const fieldText = (seg: Hl7Segment | undefined, field: number): string =>
  seg?.getField(field)?.toString() ?? '';

/**
 * HL7 DTM (`YYYY[MM[DD[HH[MM[SS[.S…]]]]]][+/-ZZZZ]`) to an ISO instant; without an offset the time is
 * taken as UTC. Returns undefined for anything that is not a real date.
 */
export function dtmToIso(v: string): string | undefined {
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d{1,4})?([+-]\d{4})?$/.exec(v.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', tz] = m;
  const offset = tz ? `${tz.slice(0, 3)}:${tz.slice(3)}` : 'Z';
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`;
  const t = Date.parse(iso);
  if (Number.isNaN(t) || !sameCalendarDay(y!, mo, d)) return undefined;
  return new Date(t).toISOString();
}

/** HL7 DTM to a calendar date (the date as written, no time zone shift: a birth date has none). */
export function dtmToDate(v: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(v.trim());
  if (!m) return undefined;
  const [, y, mo, d] = m;
  return sameCalendarDay(y!, mo!, d!) ? `${y}-${mo}-${d}` : undefined;
}

function sameCalendarDay(y: string, mo: string, d: string): boolean {
  const dt = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return (
    dt.getUTCFullYear() === Number(y) && dt.getUTCMonth() === Number(mo) - 1 && dt.getUTCDate() === Number(d)
  );
}

/** What the MSH says about the message (fields that may be missing come back empty). */
export interface Header {
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  messageType: string;
  type: string;
  trigger: string;
  controlId: string;
  processingId: string;
  version: string;
}

export function headerOf(msg: Hl7Message): Header {
  const msh = msg.header;
  return {
    sendingApplication: value(msh, 3),
    sendingFacility: value(msh, 4),
    receivingApplication: value(msh, 5),
    receivingFacility: value(msh, 6),
    messageType: fieldText(msh, 9),
    type: value(msh, 9, 1).toUpperCase(),
    trigger: value(msh, 9, 2).toUpperCase(),
    controlId: value(msh, 10),
    processingId: value(msh, 11),
    version: value(msh, 12),
  };
}
