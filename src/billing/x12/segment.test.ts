import { readdirSync, readFileSync } from 'node:fs';
import { X12Interchange, X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data.ts';
import { checkEnvelope, interchangeSegments } from './envelope.ts';
import { comp, elementValue, parseX12, seg, serialize } from './segment.ts';

/** The minimal 837P of the reference (../shared/reference/x12.md §2.5), built from segments. */
const body = [
  seg('BHT', '0019', '00', 'BATCH0001', '20250101', '1200', 'CH'),
  seg('NM1', '41', '2', 'EXAMPLE BILLING SVC', '', '', '', '', '46', 'SENDERID'),
  seg('PER', 'IC', 'JANE DOE', 'TE', '5555550100'),
  seg('NM1', '40', '2', 'EXAMPLE PAYER', '', '', '', '', '46', 'RECEIVERID'),
  seg('HL', 1, '', 20, 1),
  seg('NM1', '85', '2', 'EXAMPLE CLINIC', '', '', '', '', 'XX', '1234567893'),
  seg('N3', '100 MAIN ST'),
  seg('N4', 'ANYTOWN', 'PA', '171010000'),
  seg('REF', 'EI', '123456789'),
  seg('HL', 2, 1, 22, 0),
  seg('SBR', 'P', '18', '', '', '', '', '', '', 'CI'),
  seg('NM1', 'IL', '1', 'DOE', 'JOHN', '', '', '', 'MI', 'W123456789'),
  seg('N3', '1 ELM ST'),
  seg('N4', 'ANYTOWN', 'PA', '17101'),
  seg('DMG', 'D8', '19700101', 'M'),
  seg('NM1', 'PR', '2', 'EXAMPLE PAYER', '', '', '', '', 'PI', '12345'),
  seg('CLM', 'PCN0001', '150', '', '', comp('11', 'B', '1'), 'Y', 'A', 'Y', 'Y'),
  seg('HI', comp('ABK', 'J449'), comp('ABF', 'I10')),
  seg('LX', 1),
  seg('SV1', comp('HC', '99213', '', ''), '150', 'UN', '1', '', '', comp('1', '2')),
  seg('DTP', '472', 'D8', '20241215'),
];
const header = {
  senderQualifier: 'ZZ',
  senderId: 'SENDERID',
  receiverQualifier: 'ZZ',
  receiverId: 'RECEIVERID',
  controlNumber: 1,
  date: new Date('2025-01-01T12:00:00Z'),
  usage: 'T' as const,
};
const group = (transactions: { controlNumber: string }[]) => ({
  functionalId: 'HC',
  applicationSender: 'SENDERID',
  applicationReceiver: 'RECEIVERID',
  controlNumber: 1,
  version: '005010X222A1',
  transactions: transactions.map((t) => ({ id: '837', version: '005010X222A1', body, ...t })),
});

describe('X12 segment model and envelope', () => {
  it('writes the reference 837P segment for segment, with a 106-character ISA and correct counts', () => {
    const text = serialize(interchangeSegments(header, [group([{ controlNumber: '0001' }])]));
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'ISA*00*          *00*          *ZZ*SENDERID       *ZZ*RECEIVERID     *250101*1200*^*00501*000000001*0*T*:~',
    );
    expect(lines[0]).toHaveLength(106);
    expect(lines.slice(-3)).toEqual(['SE*23*0001~', 'GE*1*1~', 'IEA*1*000000001~']);
    expect(lines).toContain('SV1*HC:99213*150*UN*1***1:2~');
    expect(lines).toContain('HL*1**20*1~');
    expect(checkEnvelope(parseX12(text).segments)).toEqual([]);
  });

  it('is read by an independent parser (node-x12) with the same groups, sets and segments', () => {
    const text = serialize(
      interchangeSegments(header, [group([{ controlNumber: '0001' }, { controlNumber: '0002' }])]),
    );
    const parsed = new X12Parser(true).parse(text);
    expect(parsed).toBeInstanceOf(X12Interchange);
    const ix = parsed as X12Interchange;
    expect(ix.functionalGroups).toHaveLength(1);
    expect(ix.functionalGroups[0]?.transactions).toHaveLength(2);
    expect(ix.functionalGroups[0]?.transactions[1]?.segments).toHaveLength(body.length);
    expect(ix.functionalGroups[0]?.trailer.valueOf(1)).toBe('2');
    expect(checkEnvelope(parseX12(text).segments)).toEqual([]);
  });

  it('reads every shared 837 sample and writes it back unchanged (separators from the ISA)', () => {
    const dirs = [
      ['linuxforhealth-x12', '837_005010X222A2'],
      ['linuxforhealth-x12', '837_005010X223A3'],
      ['oopfactory-x12parser-cddl'],
    ];
    let files = 0;
    for (const d of dirs) {
      const dir = sharedData('x12', ...d);
      for (const f of readdirSync(dir).filter((x) => /837/.test(x))) {
        const raw = readFileSync(`${dir}/${f}`, 'utf8');
        const { separators, segments } = parseX12(raw);
        const flat = raw
          .slice(raw.indexOf('ISA'))
          .split(separators.segment)
          .map((s) => s.replace(/^\s+/, '').replace(/[\r\n]+$/, ''))
          .filter(Boolean)
          .map((s) => s + separators.segment)
          .join('');
        expect(serialize(segments, separators, { newline: false }), f).toBe(flat);
        expect(segments[0]?.id).toBe('ISA');
        files++;
      }
    }
    expect(files).toBeGreaterThan(10);
  });

  it('reads composites and values by position', () => {
    const { segments } = parseX12(
      serialize(interchangeSegments(header, [group([{ controlNumber: '0001' }])])),
    );
    const sv1 = segments.find((s) => s.id === 'SV1');
    expect(sv1 && elementValue(sv1, 1, 2)).toBe('99213');
    expect(sv1 && elementValue(sv1, 7, 2)).toBe('2');
    expect(sv1 && elementValue(sv1, 2)).toBe('150');
  });

  it('refuses a separator inside data, naming the element, and a malformed file', () => {
    expect(() => serialize([seg('NM1', '85', '2', 'SMITH*JONES')])).toThrow(/NM103/);
    expect(() => parseX12('GS*HC~')).toThrow(/ISA/);
    const problems = checkEnvelope([
      seg('ISA'),
      seg('GS'),
      seg('ST', '837', '0001'),
      seg('SE', 5, '0002'),
      seg('GE', 2),
    ]);
    expect(problems).toHaveLength(3);
  });
});
