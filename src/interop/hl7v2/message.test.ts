import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAck, erl, escapeHl7 } from './ack.ts';
import {
  dtmToDate,
  dtmToIso,
  Hl7ParseError,
  headerOf,
  normalise,
  parseMessage,
  unescapeHl7,
  value,
} from './message.ts';
import { readResults } from './obx.ts';
import { readPid, registrationIssues } from './pid.ts';
import { readVisit } from './pv1.ts';

const ADT = [
  'MSH|^~\\&|REG|NORTH|CK|HIM|20260302140000+0000||ADT^A01^ADT_A01|C1|P|2.5.1',
  'EVN|A01|20260302140000',
  'PID|1||A100^^^NORTH^MR~123456789^^^USSSA^SS||ZZTEST^ALEX^Q||19810229|F|||1 Main St^^Springfield^IL^62701^USA||(217)555-0100^PRN^PH|||M||||||H',
  'PV1|1|I|W1^101^A||||||||||||||||V77^^^NORTH|||||||||||||||||||||||||20260302133000+0000',
].join('\r');

describe('reading HL7 v2 messages', () => {
  it('tolerates a byte-order mark and LF or CRLF separators', () => {
    for (const sep of ['\n', '\r\n', '\r']) {
      const text = normalise(`\uFEFF${ADT.replaceAll('\r', sep)}${sep}${sep}`);
      const msg = parseMessage(text);
      expect(msg.segments.map((s) => s.name)).toEqual(['MSH', 'EVN', 'PID', 'PV1']);
      expect(headerOf(msg)).toMatchObject({
        type: 'ADT',
        trigger: 'A01',
        controlId: 'C1',
        sendingFacility: 'NORTH',
      });
    }
  });

  it('refuses text that is not an HL7 message', () => {
    expect(() => parseMessage(normalise('hello world'))).toThrow(Hl7ParseError);
    expect(() => parseMessage(normalise('MSH|^~\\&|A\rxx|broken'))).toThrow(Hl7ParseError);
  });

  it('never throws anything but Hl7ParseError on random input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          parseMessage(normalise(`MSH|^~\\&|${s}`));
        } catch (e) {
          expect(e).toBeInstanceOf(Hl7ParseError);
        }
      }),
    );
  });

  it('unescapes delimiters and reads explicit nulls as empty', () => {
    expect(unescapeHl7('O\\T\\Brien \\F\\ \\S\\ \\E\\')).toBe('O&Brien | ^ \\');
    const msg = parseMessage('MSH|^~\\&|A|B\rPID|1||""');
    expect(value(msg.getSegment('PID'), 3)).toBe('');
  });

  it('converts HL7 times and dates, refusing impossible ones', () => {
    expect(dtmToIso('20260302133000+0100')).toBe('2026-03-02T12:30:00.000Z');
    expect(dtmToIso('202603')).toBe('2026-03-01T00:00:00.000Z');
    expect(dtmToIso('20260230')).toBeUndefined();
    expect(dtmToDate('198808181126+0215')).toBe('1988-08-18');
    expect(dtmToDate('19810229')).toBeUndefined();
  });
});

describe('mapping segments', () => {
  const msg = parseMessage(ADT);
  it('maps PID to registration fields and identifiers', () => {
    const pid = readPid(msg.getSegment('PID')!, 'NORTH');
    expect(pid.identifiers).toEqual([{ kind: 'other_mrn', system: 'NORTH', value: 'A100' }]);
    expect(pid.fields).toMatchObject({
      family: 'ZZTEST',
      given: 'ALEX',
      middle: 'Q',
      birthDate: 'invalid:19810229',
      sexAtBirth: 'F',
      ssn: '123456789',
      maritalStatus: 'married',
      ethnicity: 'hispanic_or_latino',
      address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
      phones: [{ use: 'home', number: '(217)555-0100' }],
    });
    expect(registrationIssues(pid)).toEqual([
      expect.objectContaining({ location: 'PID-7', code: '102', severity: 'E' }),
    ]);
  });

  it('maps PV1 to the visit', () => {
    expect(readVisit(msg, 'NORTH', 'A01')).toMatchObject({
      key: { authority: 'NORTH', number: 'V77' },
      class: 'inpatient',
      location: 'W1 / 101 / A',
      startsAt: '2026-03-02T13:30:00.000Z',
    });
  });

  it('maps OBX to results and skips an observation without identifier', () => {
    const oru = parseMessage(
      [
        'MSH|^~\\&|LAB|NORTH|CK|HIM|20260302140000||ORU^R01|L1|P|2.5.1',
        'PID|1||A100^^^NORTH^MR||ZZTEST^ALEX||19800101|F',
        'OBR|1|||2345-7^Glucose^LN|||20260302120000',
        'OBX|1|NM|2345-7^Glucose^LN||182|mg/dL|70-99|H|||F',
        'OBX|2|ED|||data',
      ].join('\r'),
    );
    const { results, issues } = readResults(oru, '2026-03-02T14:00:00.000Z');
    expect(results).toEqual([
      {
        obxIndex: 1,
        data: {
          code: '2345-7',
          name: 'Glucose',
          value: 182,
          units: 'mg/dL',
          referenceLow: 70,
          referenceHigh: 99,
          abnormalFlag: 'high',
          status: 'final',
          performedAt: '2026-03-02T12:00:00.000Z',
        },
      },
    ]);
    expect(issues).toEqual([expect.objectContaining({ location: 'OBX-3', severity: 'W' })]);
  });
});

describe('acknowledgements', () => {
  it('swaps sender and receiver, echoes the control id and names the field at fault', () => {
    const header = headerOf(parseMessage(ADT));
    const ack = buildAck(
      header,
      'AE',
      [{ location: 'PID-7', message: 'the date of birth is not a date', severity: 'E', code: '102' }],
      new Date('2026-03-02T14:00:05Z'),
      'ACK1',
    ).split('\r');
    expect(ack[0]).toBe('MSH|^~\\&|CHARTKEEPER|HIM|REG|NORTH|20260302140005+0000||ACK^A01^ACK|ACK1|P|2.5.1');
    expect(ack[1]).toBe('MSA|AE|C1|the date of birth is not a date');
    expect(ack[2]).toBe(
      'ERR||PID^1^7^1|102^Data type error^HL70357|E||||PID-7: the date of birth is not a date',
    );
  });

  it('writes locations and escapes delimiters', () => {
    expect(erl('PID-5.1')).toBe('PID^1^5^1^1');
    expect(erl('MSH')).toBe('MSH^1');
    expect(escapeHl7('a|b^c&d~e\\')).toBe('a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\');
  });
});
