import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../test/shared-data.ts';
import { checkValue, parseDictionary, versionOfUri } from './dictionary.ts';

const load = (v: string) =>
  parseDictionary(readFileSync(sharedData('naaccr', 'dictionaries', `naaccr-dictionary-${v}.xml`), 'utf8'));

describe('NAACCR dictionary', () => {
  it('reads every ItemDef of v25 and v26 (780 and 771 items)', () => {
    const v25 = load('250');
    const v26 = load('260');
    expect(v25.version).toBe('250');
    expect(v25.items.size).toBe(780);
    expect(v26.items.size).toBe(771);
    expect(v25.items.get('primarySite')).toMatchObject({ naaccrNum: 400, length: 4, parent: 'Tumor' });
    // v26 replaced sex (#220) with sexAssignedAtBirth (#225).
    expect(v26.items.has('sex')).toBe(false);
    expect(v26.items.get('sexAssignedAtBirth')?.naaccrNum).toBe(225);
  });

  it('checks length, type and date shape', () => {
    const d = load('250');
    const item = (id: string) => {
      const def = d.items.get(id);
      if (!def) throw new Error(id);
      return def;
    };
    expect(checkValue(item('dateOfDiagnosis'), '20240115')).toBeUndefined();
    expect(checkValue(item('dateOfDiagnosis'), '2024')).toBeUndefined();
    expect(checkValue(item('dateOfDiagnosis'), '20241315')).toMatch(/not valid date/);
    expect(checkValue(item('accessionNumberHosp'), '12345')).toMatch(/must be 9 characters/);
    expect(checkValue(item('primarySite'), 'C50911')).toMatch(/at most 4/);
    expect(versionOfUri('http://naaccr.org/naaccrxml/naaccr-dictionary-260.xml')).toBe('260');
  });
});
