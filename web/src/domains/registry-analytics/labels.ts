/** Display names for the codes the analytics screens filter and group by (NAACCR code lists). */
export const STAGES: { value: string; label: string }[] = [
  { value: '0', label: '0 In situ' },
  { value: '1', label: '1 Localized' },
  { value: '2', label: '2 Regional, direct extension' },
  { value: '3', label: '3 Regional, lymph nodes' },
  { value: '4', label: '4 Regional, extension and nodes' },
  { value: '7', label: '7 Distant' },
  { value: '8', label: '8 Benign/borderline' },
  { value: '9', label: '9 Unknown' },
];
export const SEXES: { value: string; label: string }[] = [
  { value: '1', label: 'Male' },
  { value: '2', label: 'Female' },
  { value: '3', label: 'Other (intersex)' },
  { value: '4', label: 'Transsexual/transgender' },
  { value: '9', label: 'Unknown' },
];
export const GROUP_BY_LABELS: Record<string, string> = {
  summaryStage2018: 'Summary stage 2018',
  siteGroup: 'Site group',
  sex: 'Sex',
  diagnosisYear: 'Diagnosis year',
  ageGroup: 'Age group',
  primarySite: 'Primary site',
  histologicTypeIcdO3: 'Histology (ICD-O-3)',
  behaviorCodeIcdO3: 'Behavior',
  grade: 'Grade',
  laterality: 'Laterality',
  classOfCase: 'Class of case',
};

/** A group value as shown: stage and sex codes get their names. */
export function groupLabel(groupBy: string | null, value: string): string {
  if (!groupBy) return 'All cases';
  const list = groupBy === 'summaryStage2018' ? STAGES : groupBy === 'sex' ? SEXES : null;
  return list?.find((o) => o.value === value)?.label ?? value;
}

/** One colour per group (Mantine palette names, as CSS variables). */
export const GROUP_COLOURS = [
  'blue',
  'red',
  'teal',
  'grape',
  'orange',
  'indigo',
  'lime',
  'pink',
  'cyan',
  'yellow',
].map((c) => `var(--mantine-color-${c}-7)`);

export const fmt = (v: number | null | undefined, digits = 3): string =>
  v === null || v === undefined ? '—' : v.toFixed(digits);
export const fmtP = (p: number): string => (p < 0.0001 ? '< 0.0001' : p.toFixed(4));
