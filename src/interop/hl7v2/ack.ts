import type { Header, Hl7Issue } from './message.ts';

/**
 * Builds the acknowledgement (HL7 2.5.1 §2.9.2 original mode, §2.15 MSA/ERR): MSH with sender and
 * receiver swapped, MSA-1 AA/AE/AR and MSA-2 echoing the received MSH-10, one ERR per issue with its
 * location (ERR-2, ERL type), HL7 table 0357 code (ERR-3) and severity (ERR-4).
 */
export type AckCode = 'AA' | 'AE' | 'AR';

const TEXT: Record<string, string> = {
  '100': 'Segment sequence error',
  '101': 'Required field missing',
  '102': 'Data type error',
  '103': 'Table value not found',
  '200': 'Unsupported message type',
  '201': 'Unsupported event code',
  '203': 'Unsupported version id',
  '204': 'Unknown key identifier',
  '205': 'Duplicate key identifier',
  '207': 'Application internal error',
};

/** Escapes delimiters inside a value we write (§2.7.4). */
export const escapeHl7 = (v: string): string =>
  v
    .replace(/\\/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/&/g, '\\T\\')
    .replace(/~/g, '\\R\\')
    .replace(/[\r\n]+/g, ' ');

/** HL7 DTM of an instant, in UTC (+0000). */
export function toDtm(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+0000`;
}

/** `PID-7` or `PID-5.1` → ERL `PID^1^7^1^1` (segment, sequence, field, repetition, component). */
export function erl(location: string): string {
  const m = /^([A-Z0-9]{3})(?:-(\d+)(?:\.(\d+))?)?$/.exec(location);
  if (!m) return escapeHl7(location);
  const [, seg, field, comp] = m;
  return [seg, '1', field ?? '', field ? '1' : '', comp ?? ''].join('^').replace(/\^+$/, '');
}

export const errSegment = (i: Hl7Issue): string =>
  `ERR||${erl(i.location)}|${i.code}^${TEXT[i.code] ?? 'Error'}^HL70357|${i.severity}||||${escapeHl7(`${i.location}: ${i.message}`)}`;

/**
 * @param header - the received message's header (may be partly empty when it could not be read)
 * @param ackControlId - a new control id for the ACK itself
 */
export function buildAck(
  header: Partial<Header>,
  code: AckCode,
  issues: Hl7Issue[],
  now: Date,
  ackControlId: string,
): string {
  const h = (v: string | undefined) => escapeHl7(v ?? '');
  const trigger = header.trigger ? `^${h(header.trigger)}^ACK` : '';
  const msh = [
    'MSH',
    '^~\\&',
    'CHARTKEEPER',
    h(header.receivingFacility),
    h(header.sendingApplication),
    h(header.sendingFacility),
    toDtm(now),
    '',
    `ACK${trigger}`,
    h(ackControlId),
    h(header.processingId || 'P'),
    h(header.version || '2.5.1'),
  ].join('|');
  const text = code === 'AA' ? '' : (issues.find((i) => i.severity === 'E')?.message ?? '');
  const msa = `MSA|${code}|${h(header.controlId)}${text ? `|${escapeHl7(text)}` : ''}`;
  return [msh, msa, ...issues.map(errSegment)].join('\r');
}
