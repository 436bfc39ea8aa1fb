import { describe, expect, it } from 'vitest';
import type { Dictionary, ItemDef } from './dictionary.ts';
import { mapSex, NaaccrWriter } from './naaccr-writer.ts';

const def = (
  naaccrId: string,
  naaccrNum: number,
  parent: ItemDef['parent'],
  extra: Partial<ItemDef> = {},
) => ({
  naaccrId,
  naaccrNum,
  name: naaccrId,
  length: 8,
  dataType: 'text',
  parent,
  recordTypes: 'A,M,C,I',
  ...extra,
});
const dict: Dictionary = {
  version: '260',
  items: new Map(
    [
      def('naaccrRecordVersion', 50, 'NaaccrData', { length: 3, dataType: 'digits' }),
      def('patientIdNumber', 20, 'Patient', { dataType: 'digits' }),
      def('nameLast', 2230, 'Patient', { recordTypes: 'A,M,C', length: 40 }),
      def('sexAssignedAtBirth', 225, 'Patient', { length: 1, dataType: 'digits' }),
      def('primarySite', 400, 'Tumor', { length: 4 }),
      def('tumorRecordNumber', 60, 'Tumor', { length: 2, dataType: 'digits' }),
    ].map((d) => [d.naaccrId, d]),
  ),
};

describe('NaaccrWriter', () => {
  it('writes items at their level, of the record type, in item-number order, escaped', () => {
    const w = new NaaccrWriter(dict, 'I');
    const xml = w.patient({ nameLast: 'O<Brien', patientIdNumber: '00000001', sex: '2' }, [
      { primarySite: 'C509', tumorRecordNumber: '01', unknownItem: 'x' },
    ]);
    expect(xml).not.toContain('nameLast');
    expect(xml).toContain('<Item naaccrId="patientIdNumber" naaccrNum="20">00000001</Item>');
    expect(xml.indexOf('patientIdNumber')).toBeLessThan(xml.indexOf('sexAssignedAtBirth'));
    expect(xml.indexOf('tumorRecordNumber')).toBeLessThan(xml.indexOf('primarySite'));
    expect(xml).not.toContain('unknownItem');
    expect(new NaaccrWriter(dict, 'A').patient({ nameLast: 'O<Brien & Co' }, [])).toContain(
      'O&lt;Brien &amp; Co',
    );
  });

  it('leaves out values that do not fit the target dictionary, and names them', () => {
    const w = new NaaccrWriter(dict, 'A');
    const xml = w.patient({ patientIdNumber: '123' }, [{ primarySite: 'C50.9x', tumorRecordNumber: '01' }]);
    expect(xml).not.toContain('C50.9x');
    expect(w.skipped.map((s) => s.item)).toEqual(['patientIdNumber', 'primarySite']);
    expect(w.skipped[1]).toMatchObject({ patient: '123', tumour: '01' });
  });

  it('moves sex between #220 (v25) and #225 (v26)', () => {
    expect(mapSex({ sex: '2' }, '260')).toEqual({ sexAssignedAtBirth: '2' });
    expect(mapSex({ sex: '4' }, '260')).toEqual({});
    expect(mapSex({ sexAssignedAtBirth: '1' }, '250')).toEqual({ sex: '1' });
  });
});
