import { readFileSync } from 'node:fs';
import { cliContext } from '../src/kernel/cli-context.ts';
import type { AppDeps } from '../src/kernel/context.ts';
import { clearDictionaryCache, loadDictionary } from '../src/registry/dictionary.service.ts';
import { sharedData } from './shared-data.ts';

/** A synthetic Patient for a central registry test: patient items and its tumours' items. */
export interface FixturePatient {
  items: Record<string, string>;
  tumours: Record<string, string>[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const item = (k: string, v: string) => `<Item naaccrId="${k}">${esc(v)}</Item>`;

/** A NAACCR XML v25 incidence file (record type I) with the given patients. */
export function naaccrFile(patients: FixturePatient[]): string {
  const body = patients
    .map(
      (p) =>
        `  <Patient>\n    ${Object.entries(p.items)
          .map(([k, v]) => item(k, v))
          .join('\n    ')}\n${p.tumours
          .map(
            (t) =>
              `    <Tumor>\n      ${Object.entries(t)
                .map(([k, v]) => item(k, v))
                .join('\n      ')}\n    </Tumor>\n`,
          )
          .join('')}  </Patient>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<NaaccrData baseDictionaryUri="http://naaccr.org/naaccrxml/naaccr-dictionary-250.xml" recordType="I" specificationVersion="1.7" xmlns="http://naaccr.org/naaccrxml">
${body}
</NaaccrData>
`;
}

/** A synthetic person (names and numbers invented). */
export const person = (over: Record<string, string> = {}): Record<string, string> => ({
  patientIdNumber: '00000001',
  nameLast: 'Quillfeather',
  nameFirst: 'Marisol',
  nameMiddle: 'Anne',
  dateOfBirth: '19580311',
  sex: '2',
  socialSecurityNumber: '123456780',
  telephone: '3145550101',
  vitalStatus: '1',
  dateOfLastContact: '20250110',
  ...over,
});

/** A synthetic breast tumour (C50.4, ductal carcinoma 8500/3, left). */
export const tumour = (over: Record<string, string> = {}): Record<string, string> => ({
  primarySite: 'C504',
  histologicTypeIcdO3: '8500',
  behaviorCodeIcdO3: '3',
  laterality: '2',
  dateOfDiagnosis: '20240611',
  typeOfReportingSource: '1',
  ...over,
});

/** Loads the NAACCR v25 dictionary the central registry validates submissions with. */
export async function loadDictionary250(deps: AppDeps): Promise<void> {
  clearDictionaryCache();
  await loadDictionary(
    cliContext(deps),
    readFileSync(sharedData('naaccr', 'dictionaries', 'naaccr-dictionary-250.xml'), 'utf8'),
  );
}
