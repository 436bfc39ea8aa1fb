import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkValue, type Dictionary } from './dictionary.ts';

/**
 * The registry's edit checks on an abstract (issue 14 "Edits"): validity of each item against the
 * dictionary and ICD-O-3, site/histology, date order, age at diagnosis, sex/site, laterality, stage/behaviour,
 * vital status/cause of death and required items per class of case. The lists they use are data
 * (src/registry/data/abstract-edits.json); each finding names the items by number.
 */
export interface EditFinding {
  id: string;
  severity: 'error' | 'warning';
  message: string;
  /** The items the edit looked at, by NAACCR item number and XML id. */
  items: { naaccrNum: number; naaccrId: string }[];
}

interface SiteHistologyRule {
  id: string;
  histology: [string, string];
  sites?: string[];
  notSites?: string[];
  label: string;
  severity?: 'error' | 'warning';
}
interface EditData {
  sexSite: { sites: string[]; sex: string; label: string }[];
  siteHistology: SiteHistologyRule[];
  pairedSites: string[];
  required: {
    analytic: string[];
    analytic2018: string[];
    analyticBefore2018: string[];
    nonAnalytic: string[];
  };
  treatmentDates: string[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
let data: EditData | undefined;
export const editData = (): EditData => {
  data ??= JSON.parse(readFileSync(path.join(here, 'data', 'abstract-edits.json'), 'utf8')) as EditData;
  return data;
};

/** What the edits know about ICD-O-3 (from coding's loaded code sets; format checks only when not loaded). */
export interface Icdo3Lists {
  loaded: boolean;
  sites: Set<string>;
  morphologies: Set<string>;
}

export interface EditInput {
  dict: Dictionary;
  /** Tumor-level items by XML id. */
  items: Record<string, string>;
  /** Patient-level items by XML id. */
  patientItems: Record<string, string>;
  icdo3: Icdo3Lists;
  /** Today (YYYYMMDD): no date may be later. */
  today: string;
}

/** The codes an abstract's ICD-O-3 edits look up. */
export function icdo3CodesOf(items: Record<string, string>): { sites: string[]; morphologies: string[] } {
  const site = items.primarySite;
  const h = items.histologicTypeIcdO3;
  const b = items.behaviorCodeIcdO3;
  return { sites: site ? [site] : [], morphologies: h && b ? [`${h}${b}`] : [] };
}

/** A NAACCR date (YYYY, YYYYMM or YYYYMMDD) as its earliest and latest possible day. */
function dateRange(v: string): [string, string] {
  if (v.length === 4) return [`${v}0101`, `${v}1231`];
  if (v.length === 6) return [`${v}01`, `${v}31`];
  return [v, v];
}

const ANALYTIC = /^(00|1[0-4]|2[0-2])$/;

export function runAbstractEdits(input: EditInput): EditFinding[] {
  const { dict, items, patientItems, icdo3, today } = input;
  const all: Record<string, string> = { ...patientItems, ...items };
  const out: EditFinding[] = [];
  const ref = (...ids: string[]) =>
    ids.flatMap((id) => {
      const def = dict.items.get(id);
      return def ? [{ naaccrNum: def.naaccrNum, naaccrId: id }] : [];
    });
  const add = (id: string, message: string, ids: string[], severity: 'error' | 'warning' = 'error') =>
    out.push({ id, severity, message, items: ref(...ids) });
  const v = (id: string) => all[id] ?? '';

  // REG001 validity of each item against the dictionary.
  for (const [id, value] of Object.entries(all)) {
    const def = dict.items.get(id);
    if (!def) {
      add('REG001', `${id} is not an item of NAACCR dictionary v${dict.version}`, []);
      continue;
    }
    const wrong = checkValue(def, value);
    if (wrong) add('REG001', wrong, [id]);
  }

  // REG010/REG011 ICD-O-3 topography and morphology.
  const site = v('primarySite');
  const hist = v('histologicTypeIcdO3');
  const beh = v('behaviorCodeIcdO3');
  if (site) {
    if (!/^C\d{3}$/.test(site))
      add('REG010', `Primary site ${site} is not an ICD-O-3 topography code (C and three digits, no dot)`, [
        'primarySite',
      ]);
    else if (icdo3.loaded && !icdo3.sites.has(site))
      add('REG010', `Primary site ${site} is not in ICD-O-3 topography`, ['primarySite']);
  }
  const histOk = /^(8\d{3}|9[0-8]\d{2}|99[0-8]\d|9989)$/.test(hist);
  if (hist && !histOk)
    add('REG011', `Histology ${hist} is not an ICD-O-3 histology code (8000–9989)`, ['histologicTypeIcdO3']);
  if (beh && !/^[0-3]$/.test(beh))
    add('REG011', `Behaviour ${beh} is not 0 benign, 1 borderline, 2 in situ or 3 malignant`, [
      'behaviorCodeIcdO3',
    ]);
  if (icdo3.loaded && histOk && /^[0-3]$/.test(beh) && !icdo3.morphologies.has(`${hist}${beh}`))
    add(
      'REG012',
      `Morphology ${hist}/${beh} is not listed in ICD-O-3 (check the histology and behaviour)`,
      ['histologicTypeIcdO3', 'behaviorCodeIcdO3'],
      'warning',
    );

  // REG02x site/histology combinations (data).
  if (/^C\d{3}$/.test(site) && /^\d{4}$/.test(hist)) {
    for (const r of editData().siteHistology) {
      if (hist < r.histology[0] || hist > r.histology[1]) continue;
      const inList = (list: string[]) => list.some((p) => site.startsWith(p));
      if ((r.sites && !inList(r.sites)) || (r.notSites && inList(r.notSites)))
        add(
          r.id,
          `Site ${site} with histology ${hist}: ${r.label}`,
          ['primarySite', 'histologicTypeIcdO3'],
          r.severity,
        );
    }
  }

  // REG040 date order: birth ≤ diagnosis ≤ treatment ≤ last contact, none in the future.
  const dateOk = (id: string) => /^(18|19|20)\d\d((0[1-9]|1[012])(0[1-9]|[12]\d|3[01])?)?$/.test(v(id));
  const before = (a: string, b: string, message: string) => {
    if (!dateOk(a) || !dateOk(b)) return;
    if (dateRange(v(a))[0] > dateRange(v(b))[1]) add('REG040', message, [a, b]);
  };
  before('dateOfBirth', 'dateOfDiagnosis', 'Date of diagnosis is before the date of birth');
  for (const d of editData().treatmentDates) {
    before('dateOfDiagnosis', d, `${d} is before the date of diagnosis`);
    before(d, 'dateOfLastContact', `${d} is after the date of last contact`);
  }
  before('dateOfDiagnosis', 'dateOfLastContact', 'Date of last contact is before the date of diagnosis');
  for (const [id, value] of Object.entries(all))
    if (dict.items.get(id)?.dataType === 'date' && dateOk(id) && dateRange(value)[0] > today)
      add('REG041', `${id} is in the future`, [id]);

  // REG050 age at diagnosis.
  const age = v('ageAtDiagnosis');
  if (age && age !== '999' && /^\d{3}$/.test(age) && Number(age) > 120)
    add('REG050', `Age at diagnosis ${age} is over 120`, ['ageAtDiagnosis']);
  if (age && age !== '999' && /^\d{8}$/.test(v('dateOfBirth')) && /^\d{8}$/.test(v('dateOfDiagnosis'))) {
    const b = v('dateOfBirth');
    const d = v('dateOfDiagnosis');
    const years = Number(d.slice(0, 4)) - Number(b.slice(0, 4)) - (d.slice(4) < b.slice(4) ? 1 : 0);
    if (years !== Number(age))
      add('REG050', `Age at diagnosis ${age} does not match the dates of birth and diagnosis (${years})`, [
        'ageAtDiagnosis',
        'dateOfBirth',
        'dateOfDiagnosis',
      ]);
  }

  // REG060 sex/site.
  const sexId = all.sexAssignedAtBirth !== undefined ? 'sexAssignedAtBirth' : 'sex';
  const sex = v(sexId);
  if (site && (sex === '1' || sex === '2'))
    for (const r of editData().sexSite)
      if (r.sites.some((p) => site.startsWith(p)) && sex !== r.sex)
        add('REG060', `Site ${site} (${r.label}) does not fit sex code ${sex}`, ['primarySite', sexId]);

  // REG070 laterality: paired organs need a side (1–5, 9), other sites 0.
  const lat = v('laterality');
  const siteOk = /^C\d{3}$/.test(site) && (!icdo3.loaded || icdo3.sites.has(site));
  if (siteOk && lat) {
    const paired = editData().pairedSites.includes(site);
    if (paired && lat === '0')
      add('REG070', `Site ${site} is a paired organ: laterality cannot be 0`, ['primarySite', 'laterality']);
    if (!paired && lat !== '0')
      add('REG070', `Site ${site} is not a paired organ: laterality must be 0`, [
        'primarySite',
        'laterality',
      ]);
  }

  // REG080 stage and behaviour: in situ is stage 0, and stage 0 is in situ.
  const stage = v('summaryStage2018');
  if (stage && beh) {
    if (beh === '2' && stage !== '0')
      add('REG080', 'An in situ tumour (behaviour 2) has SEER Summary Stage 2018 0', [
        'behaviorCodeIcdO3',
        'summaryStage2018',
      ]);
    if (stage === '0' && beh !== '2')
      add('REG080', 'SEER Summary Stage 2018 0 (in situ) needs behaviour 2', [
        'behaviorCodeIcdO3',
        'summaryStage2018',
      ]);
  }

  // REG090 vital status and cause of death.
  const vital = v('vitalStatus');
  const cod = v('causeOfDeath');
  if (vital === '1' && cod && cod !== '0000')
    add('REG090', 'A living patient has cause of death 0000 or none', ['vitalStatus', 'causeOfDeath']);
  if (vital === '0' && (!cod || cod === '0000'))
    add('REG090', 'A dead patient needs a cause of death (7777 or 7797 when not known)', [
      'vitalStatus',
      'causeOfDeath',
    ]);

  // REG100 required items per class of case.
  const cls = v('classOfCase');
  if (!cls) add('REG100', 'Class of case is required', ['classOfCase']);
  else {
    const req = editData().required;
    const year = Number(v('dateOfDiagnosis').slice(0, 4)) || 0;
    const list = ANALYTIC.test(cls)
      ? [...req.analytic, ...(year >= 2018 ? req.analytic2018 : year > 0 ? req.analyticBefore2018 : [])]
      : req.nonAnalytic;
    for (const entry of list) {
      const ids = entry.split('|').filter((id) => dict.items.has(id));
      if (ids.length > 0 && ids.every((id) => !v(id)))
        add(
          'REG100',
          `${ids.join(' or ')} is required for class of case ${cls} (${ANALYTIC.test(cls) ? 'analytic' : 'non-analytic'})`,
          ids,
        );
    }
  }
  return out;
}

export const hasErrors = (findings: EditFinding[]) => findings.some((f) => f.severity === 'error');
