/** The code systems Chartkeeper stores (`coding_code.system`). */
export const CODE_SYSTEMS = ['icd10cm', 'icd10pcs', 'hcpcs', 'cpt', 'icdo3-topo', 'icdo3-morph'] as const;
export type CodeSystem = (typeof CODE_SYSTEMS)[number];

export const isCodeSystem = (s: string): s is CodeSystem => (CODE_SYSTEMS as readonly string[]).includes(s);

/** FHIR canonical URLs (HL7 terminology: hl7.org/fhir/sid and the CMS URLs named in the FHIR registry). */
export const FHIR_SYSTEM_URLS: Partial<Record<CodeSystem, string>> = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd10pcs: 'http://www.cms.gov/Medicare/Coding/ICD10',
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  cpt: 'http://www.ama-assn.org/go/cpt',
};

export const SYSTEM_NAMES: Record<CodeSystem, string> = {
  icd10cm: 'ICD-10-CM',
  icd10pcs: 'ICD-10-PCS',
  hcpcs: 'HCPCS Level II',
  cpt: 'CPT',
  'icdo3-topo': 'ICD-O-3 topography',
  'icdo3-morph': 'ICD-O-3 morphology',
};

/**
 * The validity period a version label implies. ICD-10-CM/PCS fiscal year N runs 1 October N-1 to
 * 30 September N (CMS; shared reference icd10.md §4). HCPCS and CPT annual releases run by calendar
 * year (effective 1 January). ICD-O-3 has no period.
 * @example effectivePeriod('icd10cm', 'FY2026') // { from: '2025-10-01', to: '2026-09-30' }
 */
export function effectivePeriod(
  system: CodeSystem,
  version: string,
): { from: string | null; to: string | null } {
  const year = Number(/(\d{4})/.exec(version)?.[1]);
  if (!year) return { from: null, to: null };
  if (system === 'icd10cm' || system === 'icd10pcs')
    return { from: `${year - 1}-10-01`, to: `${year}-09-30` };
  if (system === 'hcpcs' || system === 'cpt') return { from: `${year}-01-01`, to: `${year}-12-31` };
  return { from: null, to: null };
}

/**
 * Guesses the version from a CMS file name (icd10cm_order_2026.txt → FY2026, HCPC2020_… → 2020), so
 * `--version` can be left out for official files.
 */
export function versionFromFileName(system: CodeSystem, fileName: string): string | undefined {
  const year = /(20\d{2})/.exec(fileName)?.[1];
  if (!year) return undefined;
  return system === 'icd10cm' || system === 'icd10pcs' ? `FY${year}` : year;
}

/** Normalises a code as typed (dot, spaces, lower case) to the stored form: "e11.9" → "E119". */
export const normalizeCode = (code: string): string => code.replace(/[.\s/]/g, '').toUpperCase();

/** Prints a stored ICD-10-CM code with its dot after the third character (E119 → E11.9). */
export function displayCode(system: string, code: string): string {
  if ((system === 'icd10cm' || system === 'icdo3-topo') && code.length > 3)
    return `${code.slice(0, 3)}.${code.slice(3)}`;
  if (system === 'icdo3-morph' && code.length === 5) return `${code.slice(0, 4)}/${code.slice(4)}`;
  return code;
}
