import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../test/shared-data.ts';
import { parseSiteRecode, siteRecodeOf } from './site-recode.ts';

const rules = parseSiteRecode(
  readFileSync(sharedData('icdo3', 'seer-recodes', 'seersiterecode_site-recode-data-2023.csv'), 'utf8'),
);
const of = (site: string, histology: string, behaviour = '3', year = 2024) =>
  siteRecodeOf(rules, { site, histology, behaviour, year });

describe('SEER Site Recode 2023', () => {
  it('reads every recode row of the SEER table, with its heading as the group', () => {
    expect(new Set(rules.map((r) => r.recode)).size).toBe(80);
    expect(rules.find((r) => r.recode === '20')).toMatchObject({
      name: 'Colon and Rectum (excluding Appendix)',
      group: 'Digestive System',
    });
  });

  it('groups by site, and by histology first for melanoma, lymphoma and leukemia', () => {
    expect(of('C504', '8500')).toMatchObject({ recode: '39', name: 'Breast' });
    expect(of('C187', '8140')).toMatchObject({ recode: '20', group: 'Digestive System' });
    expect(of('C619', '8140')).toMatchObject({ name: 'Prostate' });
    expect(of('C445', '8743')).toMatchObject({ recode: '37', name: 'Melanoma of the Skin' });
    expect(of('C445', '8090')).toMatchObject({ recode: '38' });
    expect(of('C779', '9680')).toMatchObject({ recode: '70', name: 'Non-Hodgkin Lymphomas' });
    expect(of('C421', '9823')).toMatchObject({ recode: '68' });
    expect(of('C700', '9530', '0')).toMatchObject({ recode: '81' });
  });

  it('leaves a tumour without a valid site or histology unclassified, and refuses another file', () => {
    expect(of('', '8500').recode).toBe('99');
    expect(of('C504', '').recode).toBe('99');
    expect(() => parseSiteRecode('a,b,c\n1,2,3')).toThrow(/Line 1: expected the SEER Site Recode header/);
  });
});
