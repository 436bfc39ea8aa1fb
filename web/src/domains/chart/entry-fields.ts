import type { Collection } from './chart.api.ts';

/**
 * What each kind of chart entry asks for on screen. Mirrors src/chart/entry-kinds.ts: the server checks
 * again and is the authority; these specs give validation as you type.
 */
export interface FieldSpec {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'date' | 'datetime' | 'number' | 'select' | 'checkbox';
  required?: boolean;
  options?: { value: string; label: string }[];
  pattern?: { re: RegExp; message: string };
  description?: string;
}

const opts = (...values: string[]) => values.map((v) => ({ value: v, label: v.replace(/_/g, ' ') }));
const ICD10 = {
  re: /^[A-TV-Z][0-9][0-9AB](\.[0-9A-Z]{1,4})?$/i,
  message: 'Use an ICD-10-CM code such as E11.9',
};

export const KIND_LABELS: Record<string, string> = {
  problem: 'Problem / condition',
  surgery: 'Past surgery',
  family_history: 'Family history',
  social_history: 'Social history',
  concern: 'Chief complaint / concern',
  immunization: 'Immunization',
  medication: 'Medication',
  med_reconciliation: 'Medication reconciliation',
  allergy: 'Allergy / intolerance',
  allergy_assertion: 'No known allergies',
  result: 'Result',
  diagnosis: 'Diagnosis',
  procedure: 'Procedure',
  order: 'Test ordered',
  note: 'Clinical note',
};

export const FIELDS: Record<string, FieldSpec[]> = {
  immunization: [
    { name: 'vaccine', label: 'Vaccine', type: 'text', required: true },
    {
      name: 'cvxCode',
      label: 'CVX code',
      type: 'text',
      pattern: { re: /^\d{1,3}$/, message: 'Use a CDC CVX code (1 to 3 digits)' },
    },
    { name: 'date', label: 'Date given', type: 'date' },
    {
      name: 'status',
      label: 'Status',
      type: 'select',
      required: true,
      options: opts('completed', 'not_done'),
    },
    { name: 'note', label: 'Note', type: 'text' },
  ],
  problem: [
    { name: 'description', label: 'Description', type: 'text', required: true },
    {
      name: 'code',
      label: 'ICD-10-CM code',
      type: 'text',
      pattern: ICD10,
      description: 'Optional until coded',
    },
    { name: 'onsetDate', label: 'Onset', type: 'date' },
    { name: 'resolvedDate', label: 'Resolved', type: 'date' },
    {
      name: 'status',
      label: 'Status',
      type: 'select',
      required: true,
      options: opts('active', 'resolved', 'inactive'),
    },
  ],
  surgery: [
    { name: 'procedure', label: 'Procedure', type: 'text', required: true },
    { name: 'date', label: 'Date', type: 'date' },
    { name: 'note', label: 'Note', type: 'text' },
  ],
  family_history: [
    { name: 'relation', label: 'Relation', type: 'text', required: true },
    { name: 'condition', label: 'Condition', type: 'text', required: true },
    { name: 'code', label: 'ICD-10-CM code', type: 'text', pattern: ICD10 },
  ],
  social_history: [
    {
      name: 'tobacco',
      label: 'Tobacco',
      type: 'select',
      required: true,
      options: opts('never', 'former', 'current', 'unknown'),
    },
    { name: 'tobaccoDetail', label: 'Tobacco detail', type: 'text' },
    {
      name: 'alcohol',
      label: 'Alcohol',
      type: 'select',
      required: true,
      options: opts('none', 'occasional', 'moderate', 'heavy', 'unknown'),
    },
    { name: 'alcoholDetail', label: 'Alcohol detail', type: 'text' },
  ],
  concern: [
    {
      name: 'type',
      label: 'Type',
      type: 'select',
      required: true,
      options: opts('chief_complaint', 'concern'),
    },
    { name: 'patientWords', label: "In the patient's words", type: 'textarea', required: true },
  ],
  medication: [
    { name: 'drug', label: 'Drug', type: 'text', required: true },
    {
      name: 'rxnormCode',
      label: 'RxNorm code',
      type: 'text',
      pattern: { re: /^\d{1,8}$/, message: 'Digits only' },
    },
    { name: 'dose', label: 'Dose', type: 'text', required: true },
    { name: 'route', label: 'Route', type: 'text', required: true },
    { name: 'frequency', label: 'Frequency', type: 'text', required: true },
    { name: 'startDate', label: 'Start', type: 'date' },
    { name: 'stopDate', label: 'Stop', type: 'date' },
    { name: 'prescriber', label: 'Prescriber', type: 'text' },
    {
      name: 'status',
      label: 'Status',
      type: 'select',
      required: true,
      options: opts('active', 'on_hold', 'stopped', 'completed'),
    },
  ],
  med_reconciliation: [{ name: 'note', label: 'Reconciliation note', type: 'textarea' }],
  allergy: [
    { name: 'substance', label: 'Substance', type: 'text', required: true },
    { name: 'reaction', label: 'Reaction', type: 'text' },
    {
      name: 'severity',
      label: 'Severity',
      type: 'select',
      required: true,
      options: opts('mild', 'moderate', 'severe'),
    },
    {
      name: 'criticality',
      label: 'Criticality',
      type: 'select',
      required: true,
      options: opts('low', 'high', 'unable_to_assess'),
    },
    {
      name: 'status',
      label: 'Status',
      type: 'select',
      required: true,
      options: opts('active', 'inactive', 'resolved'),
    },
  ],
  allergy_assertion: [],
  result: [
    { name: 'code', label: 'Test code (LOINC)', type: 'text', required: true },
    { name: 'name', label: 'Test name', type: 'text', required: true },
    { name: 'value', label: 'Value', type: 'number' },
    { name: 'units', label: 'Units', type: 'text' },
    { name: 'valueText', label: 'Text result', type: 'text' },
    { name: 'referenceLow', label: 'Reference low', type: 'number' },
    { name: 'referenceHigh', label: 'Reference high', type: 'number' },
    {
      name: 'status',
      label: 'Status',
      type: 'select',
      required: true,
      options: opts('preliminary', 'final', 'corrected'),
    },
    { name: 'performedAt', label: 'Performed', type: 'datetime', required: true },
    { name: 'reportedAt', label: 'Reported', type: 'datetime' },
  ],
  diagnosis: [
    { name: 'description', label: 'Diagnosis as stated', type: 'text', required: true },
    {
      name: 'provisionalCode',
      label: 'Provisional ICD-10-CM',
      type: 'text',
      pattern: ICD10,
      description: 'Coders assign the final code',
    },
    { name: 'primary', label: 'Primary diagnosis', type: 'checkbox' },
  ],
  procedure: [
    { name: 'description', label: 'Procedure', type: 'text', required: true },
    { name: 'code', label: 'Code', type: 'text' },
    { name: 'performedAt', label: 'Performed', type: 'datetime' },
  ],
  order: [
    { name: 'test', label: 'Test', type: 'text', required: true },
    { name: 'code', label: 'Code', type: 'text' },
    {
      name: 'status',
      label: 'Status',
      type: 'select',
      required: true,
      options: opts('ordered', 'performed', 'cancelled'),
    },
  ],
  note: [
    {
      name: 'noteType',
      label: 'Note type',
      type: 'select',
      required: true,
      options: opts(
        'history_and_physical',
        'progress_note',
        'consultation',
        'operative_report',
        'discharge_summary',
        'procedure_note',
        'other',
      ),
    },
    { name: 'title', label: 'Title', type: 'text', required: true },
    { name: 'text', label: 'Text', type: 'textarea', required: true },
    { name: 'status', label: 'Status', type: 'select', required: true, options: opts('draft', 'final') },
  ],
};

/** Which API collection each kind is posted to (src/chart/entry-kinds.ts COLLECTIONS). */
export const KIND_COLLECTION: Record<string, Collection> = {
  problem: 'history',
  surgery: 'history',
  family_history: 'history',
  social_history: 'history',
  concern: 'history',
  immunization: 'history',
  medication: 'medications',
  med_reconciliation: 'medications',
  allergy: 'allergies',
  allergy_assertion: 'allergies',
  result: 'results',
  diagnosis: 'diagnoses',
  procedure: 'procedures',
  order: 'orders',
  note: 'notes',
};

/** Values a kind always carries, with nothing for the user to fill in. */
export const FIXED_DATA: Record<string, Record<string, unknown>> = {
  allergy_assertion: { assertion: 'no_known_allergies' },
};
