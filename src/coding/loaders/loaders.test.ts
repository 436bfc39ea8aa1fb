import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCptFile } from './cpt.ts';
import { parseHcpcsFile } from './hcpcs.ts';
import { joinQuotedLines, parseIcdo3Morphology, parseIcdo3Topography } from './icdo3.ts';
import { parseMue, parseNcciPtp } from './ncci.ts';
import { parseOrderFile } from './order-file.ts';
import { parsePoaExempt } from './poa-exempt.ts';

const orderLine = (n: number, code: string, flag: string, short: string, long: string) =>
  `${String(n).padStart(5, '0')} ${code.padEnd(7)} ${flag} ${short.padEnd(60)} ${long}`;

describe('ICD-10 order file', () => {
  const file = [
    orderLine(1, 'E11', '0', 'Type 2 diabetes mellitus', 'Type 2 diabetes mellitus'),
    orderLine(
      2,
      'E119',
      '1',
      'Type 2 diabetes mellitus without complications',
      'Type 2 diabetes mellitus without complications',
    ),
  ].join('\r\n');

  it('reads code, header flag and both titles from the fixed columns (CRLF lines)', () => {
    const r = parseOrderFile(`${file}\r\n`, 'icd10cm');
    expect(r.errors).toEqual([]);
    expect(r.records).toEqual([
      {
        code: 'E11',
        billable: false,
        shortDescription: 'Type 2 diabetes mellitus',
        longDescription: 'Type 2 diabetes mellitus',
      },
      {
        code: 'E119',
        billable: true,
        shortDescription: 'Type 2 diabetes mellitus without complications',
        longDescription: 'Type 2 diabetes mellitus without complications',
      },
    ]);
  });

  it('names the line of a garbled record and of a duplicate code', () => {
    const bad = `${file}\nthis is not an order line at all\n${orderLine(4, 'E119', '1', 'x', 'x')}`;
    const r = parseOrderFile(bad, 'icd10cm');
    expect(r.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(r.errors[1]!.message).toMatch(/duplicate code E119 \(first on line 2\)/);
  });

  it('rejects a bad header flag and PCS codes with I or O', () => {
    expect(parseOrderFile(orderLine(1, 'E119', '2', 'x', 'x'), 'icd10cm').errors[0]!.message).toMatch(
      /header flag/,
    );
    expect(parseOrderFile(orderLine(1, '0DTI4ZZ', '1', 'x', 'x'), 'icd10pcs').errors).toHaveLength(1);
  });

  it('never throws and accounts for every non-blank line on random input (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 120 }), { maxLength: 30 }), (lines) => {
        const r = parseOrderFile(lines.join('\n'), 'icd10cm');
        const nonBlank = lines
          .join('\n')
          .split(/\r?\n/)
          .filter((l) => l.trim() !== '').length;
        expect(r.records.length + r.errors.length).toBe(Math.max(nonBlank, 1));
      }),
    );
  });

  it('round-trips well-formed lines (property)', () => {
    const code = fc.stringMatching(/^[A-Z][0-9][0-9A-Z]{1,5}$/);
    const title = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,]{0,58}[A-Za-z]$/);
    fc.assert(
      fc.property(code, fc.boolean(), title, (c, billable, t) => {
        const r = parseOrderFile(orderLine(1, c, billable ? '1' : '0', t, t), 'icd10cm');
        expect(r.records).toEqual([{ code: c, billable, shortDescription: t, longDescription: t }]);
      }),
    );
  });
});

describe('HCPCS Level II file', () => {
  const rec = (code: string, seq: string, id: string, long: string, short = '') =>
    `${code.padEnd(5)}${seq}${id}${long.padEnd(80)}${short.padEnd(28)}00`;
  it('skips the disclaimer, joins continuation lines and counts modifiers', () => {
    const text = [
      'CPT codes … disclaimer paragraph',
      '',
      rec(
        'A0080',
        '00100',
        '3',
        'Non-emergency transportation, per mile - vehicle provided by volunteer',
        'Noner transport volunteer',
      ),
      rec('A0080', '00200', '4', '(individual or organization), with no vested interest'),
      rec('   AA', '00100', '7', 'Anesthesia services performed personally by anesthesiologist'),
    ].join('\r\n');
    const r = parseHcpcsFile(text);
    expect(r.errors).toEqual([]);
    expect(r.modifiers).toBe(1);
    expect(r.records[0]!.longDescription).toBe(
      'Non-emergency transportation, per mile - vehicle provided by volunteer (individual or organization), with no vested interest',
    );
  });
  it('rejects a garbled line after the first record, naming it', () => {
    const r = parseHcpcsFile(`${rec('A0080', '00100', '3', 'x', 'x')}\ngarbage`);
    expect(r.errors).toEqual([{ line: 2, message: 'not an HCPCS record line' }]);
  });
  it('never throws on random input (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void parseHcpcsFile(s)));
  });
});

describe('CPT licensed file', () => {
  it('accepts TSV and quoted CSV with an optional header line', () => {
    expect(parseCptFile('code\tshort\n99213\tOffice visit est').records[0]).toMatchObject({ code: '99213' });
    const r = parseCptFile(
      'code,short,long\n"0001F","Heart failure composite","Heart failure assessed, ""composite"""',
    );
    expect(r.records[0]!.longDescription).toBe('Heart failure assessed, "composite"');
  });
  it('rejects codes that are not Category I, II or III', () => {
    expect(parseCptFile('9921\tx').errors[0]!.line).toBe(1);
  });
  it('never throws on random input (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => void parseCptFile(s)));
  });
});

describe('ICD-O-3, POA-exempt, NCCI and MUE files', () => {
  it('reads topography sites with inclusion terms as search text', () => {
    const r = parseIcdo3Topography(
      'Kode\tLvl\tTitle\nC00\t3\tLIP\nC00.0\t4\tExternal upper lip\nC00.0\tincl\t"Upper lip, NOS"',
    );
    expect(r.records).toEqual([
      { code: 'C00', billable: false, shortDescription: 'LIP', longDescription: 'LIP' },
      {
        code: 'C000',
        billable: true,
        shortDescription: 'External upper lip',
        longDescription: 'External upper lip; Upper lip, NOS',
      },
    ]);
  });
  it('reads morphology titles and joins a quoted field that spans two lines', () => {
    const r = parseIcdo3Morphology(
      'Code\tStruct\tLabel\n"8634/3\n8634/3"\ttitle\t"Sertoli-Leydig cell tumor"',
    );
    expect(r.records).toEqual([
      {
        code: '86343',
        billable: true,
        shortDescription: 'Sertoli-Leydig cell tumor',
        longDescription: 'Sertoli-Leydig cell tumor',
      },
    ]);
    expect(joinQuotedLines(['"a', 'b"', 'c'])).toEqual(['"a\nb"', '', 'c']);
  });
  it('reads POA-exempt codes without the dot', () => {
    expect(parsePoaExempt('Order26\tPOAexemptCode\tDescription\n01238\tB90.0\tSequelae').records).toEqual([
      'B900',
    ]);
  });
  it('reads NCCI PTP rows after the title lines, with * as no deletion', () => {
    const r = parseNcciPtp(
      'CMS NCCI PTP edits\nColumn 1\tColumn 2\t*\tEffective\tDeletion\tModifier\tRationale\n29880\t29870\t*\t19960101\t*\t1\tMisuse of column two code',
    );
    expect(r.records).toEqual([
      {
        column1: '29880',
        column2: '29870',
        effectiveDate: '1996-01-01',
        deletionDate: null,
        modifierIndicator: '1',
        rationale: 'Misuse of column two code',
      },
    ]);
  });
  it('reads MUE rows with the adjudication indicator digit', () => {
    const r = parseMue(
      'HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\n99213,1,"2 Date of Service Edit: Policy",Nature of Service',
    );
    expect(r.records).toEqual([
      { code: '99213', maxUnits: 1, adjudicationIndicator: '2', rationale: 'Nature of Service' },
    ]);
  });
  it('NCCI and MUE parsers never throw on random input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        parseNcciPtp(s);
        parseMue(s);
        parsePoaExempt(s);
      }),
    );
  });
});
