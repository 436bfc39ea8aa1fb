import type { EncounterCriteria, EntryCriteria } from '../../chart/index.ts';
import { isUuid } from './access.ts';
import { type EntryResourceType, kindsFor } from './outbound/index.ts';
import {
  dateRange,
  invalidSearch,
  parseQuantity,
  parseTokens,
  type RawQuery,
  referenceId,
  values,
} from './search-params.ts';

/**
 * Search parameters of the chart-backed types (R4 search parameter names) and how each becomes a
 * criterion. Pure, so the rules are tested without a database.
 */
export const CLINICAL_PARAMS = {
  Encounter: [
    { name: 'patient', type: 'reference' },
    { name: 'date', type: 'date' },
    { name: 'status', type: 'token' },
    { name: 'class', type: 'token' },
  ],
  Condition: [
    { name: 'patient', type: 'reference' },
    { name: 'code', type: 'token' },
    { name: 'clinical-status', type: 'token' },
    { name: 'onset-date', type: 'date' },
  ],
  Observation: [
    { name: 'patient', type: 'reference' },
    { name: 'code', type: 'token' },
    { name: 'date', type: 'date' },
    { name: 'category', type: 'token' },
    { name: 'value-quantity', type: 'quantity' },
  ],
  Procedure: [
    { name: 'patient', type: 'reference' },
    { name: 'status', type: 'token' },
  ],
  MedicationStatement: [
    { name: 'patient', type: 'reference' },
    { name: 'status', type: 'token' },
  ],
  AllergyIntolerance: [
    { name: 'patient', type: 'reference' },
    { name: 'clinical-status', type: 'token' },
  ],
  DocumentReference: [{ name: 'patient', type: 'reference' }],
  Coverage: [{ name: 'patient', type: 'reference' }],
} as const;
export type ClinicalType = keyof typeof CLINICAL_PARAMS;

/** Date parameters each type sorts on (`_sort=date`, `_sort=-date`…). */
export const CLINICAL_SORT: Record<ClinicalType, readonly string[]> = {
  Encounter: ['date', '_lastUpdated'],
  Condition: ['onset-date', '_lastUpdated'],
  Observation: ['date', '_lastUpdated'],
  Procedure: ['_lastUpdated'],
  MedicationStatement: ['_lastUpdated'],
  AllergyIntolerance: ['_lastUpdated'],
  DocumentReference: ['_lastUpdated'],
  Coverage: [],
};

const commaValues = (q: RawQuery, name: string) =>
  values(q, name).flatMap((v) => v.split(',').map((x) => x.trim()));
const codes = (q: RawQuery, name: string) =>
  values(q, name)
    .flatMap(parseTokens)
    .map((t) => t.code);

/** The patient(s) a search is about; `patient` and `subject` are both accepted. */
export function patientIds(q: RawQuery): string[] | undefined {
  const raw = [...values(q, 'patient'), ...values(q, 'subject'), ...values(q, 'beneficiary')];
  if (raw.length === 0) return undefined;
  return raw
    .flatMap((v) => v.split(','))
    .map((v) => referenceId('patient', v, 'Patient'))
    .filter(isUuid);
}

const ids = (q: RawQuery) => {
  const list = commaValues(q, '_id');
  return list.length ? list.filter(isUuid) : undefined;
};

/** FHIR status tokens → the entry's own status values, with entered-in-error kept apart. */
function statusCriteria(c: EntryCriteria, requested: string[], map: Record<string, string>, key = 'status') {
  if (requested.length === 0) return;
  const eie = requested.includes('entered-in-error');
  const rest = requested.filter((s) => s !== 'entered-in-error');
  if (eie && rest.length === 0) c.enteredInError = true;
  else if (!eie) c.enteredInError = false;
  if (rest.length)
    c.equals = [...(c.equals ?? []), { keys: [key], values: rest.map((s) => map[s] ?? `?${s}`) }];
}

const SAME = new Proxy({} as Record<string, string>, { get: (_t, k) => String(k) });

/** Criteria for an entry-backed type (Condition, Observation, Procedure, MedicationStatement, AllergyIntolerance). */
export function entryCriteria(
  type: EntryResourceType,
  q: RawQuery,
): { criteria: EntryCriteria; dateKey?: string } {
  const c: EntryCriteria = { kinds: kindsFor(type) };
  const pats = patientIds(q);
  if (pats) c.patientIds = pats;
  const idList = ids(q);
  if (idList) c.ids = idList;
  switch (type) {
    case 'Condition': {
      const code = codes(q, 'code');
      if (code.length)
        c.equals = [{ keys: ['code', 'provisionalCode'], values: code.map((x) => x.toUpperCase()) }];
      const clinical = codes(q, 'clinical-status');
      if (clinical.length) {
        // Visit diagnoses have no clinical status of their own: they count as active.
        if (!clinical.includes('active')) c.kinds = ['problem'];
        c.equals = [...(c.equals ?? []), { keys: ['status'], values: clinical, orKinds: ['diagnosis'] }];
      }
      const onset = dateRange(q, 'onset-date');
      if (onset) c.date = { key: 'onsetDate', range: onset, cast: 'date' };
      return { criteria: c, dateKey: 'onsetDate' };
    }
    case 'Observation': {
      const code = codes(q, 'code');
      if (code.length) c.equals = [{ keys: ['code'], values: code }];
      const cat = codes(q, 'category');
      if (cat.length && !cat.includes('laboratory')) c.kinds = [];
      const date = dateRange(q, 'date');
      if (date) c.date = { key: 'performedAt', range: date, cast: 'timestamptz' };
      const vq = values(q, 'value-quantity')[0];
      if (vq) c.number = { key: 'value', ...parseQuantity('value-quantity', vq) };
      statusCriteria(c, commaValues(q, 'status'), SAME);
      return { criteria: c, dateKey: 'performedAt' };
    }
    case 'Procedure': {
      const status = commaValues(q, 'status');
      if (status.length) {
        if (status.includes('entered-in-error') && !status.includes('completed')) c.enteredInError = true;
        else if (!status.includes('entered-in-error'))
          c.enteredInError = status.includes('completed') ? false : undefined;
        if (!status.includes('completed') && !status.includes('entered-in-error')) c.kinds = [];
      }
      return { criteria: c };
    }
    case 'MedicationStatement': {
      statusCriteria(c, commaValues(q, 'status'), {
        'on-hold': 'on_hold',
        active: 'active',
        stopped: 'stopped',
        completed: 'completed',
      });
      const code = codes(q, 'code');
      if (code.length) c.equals = [...(c.equals ?? []), { keys: ['rxnormCode'], values: code }];
      return { criteria: c };
    }
    case 'AllergyIntolerance': {
      const clinical = codes(q, 'clinical-status');
      if (clinical.length)
        c.equals = [
          {
            keys: ['status'],
            values: clinical,
            ...(clinical.includes('active') ? { orKinds: ['allergy_assertion'] } : {}),
          },
        ];
      return { criteria: c };
    }
  }
}

const ENCOUNTER_STATUS: Record<string, string[]> = {
  planned: ['scheduled'],
  arrived: ['arrived'],
  'in-progress': ['in_progress'],
  finished: ['completed'],
  cancelled: ['cancelled', 'no_show'],
};
const ENCOUNTER_CLASS: Record<string, string> = { AMB: 'appointment', IMP: 'inpatient' };

export function encounterCriteria(q: RawQuery): EncounterCriteria {
  const c: EncounterCriteria = {};
  const pats = patientIds(q);
  if (pats) c.patientIds = pats;
  const idList = ids(q);
  if (idList) c.ids = idList;
  const status = commaValues(q, 'status');
  if (status.length) {
    if (status.includes('entered-in-error')) c.enteredInError = true;
    else {
      c.enteredInError = false;
      c.statuses = status.flatMap((s) => ENCOUNTER_STATUS[s] ?? []);
    }
  }
  const cls = codes(q, 'class');
  if (cls.length) c.classes = cls.map((x) => ENCOUNTER_CLASS[x] ?? '?');
  const date = dateRange(q, 'date');
  if (date) c.date = date;
  return c;
}

/**
 * Chart searches name the patient (or ids): searching every patient's chart at once is bulk export's job
 * ($export), with its own permission.
 */
export function requirePatientOrId(q: RawQuery): void {
  if (!patientIds(q) && !ids(q))
    throw invalidSearch(
      'patient',
      'Name the patient (patient=Patient/<id>) or the _id of the resources you want.',
    );
}
