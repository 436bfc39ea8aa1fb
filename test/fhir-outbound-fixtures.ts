import type { ChartDocument, ChartEntry, Encounter } from '../src/chart/index.ts';
import type { PatientOut } from '../src/patients/index.ts';

/** Synthetic records for mapper tests (invented people; 555 phone numbers). */
const stamps = {
  version: 2,
  enteredInError: false,
  enteredInErrorReason: null,
  createdBy: '11111111-1111-4111-8111-111111111111',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedBy: '11111111-1111-4111-8111-111111111111',
  updatedAt: '2026-11-21T10:00:00.000Z',
};
export const PATIENT_ID = '22222222-2222-4222-8222-222222222222';
export const ENCOUNTER_ID = '33333333-3333-4333-8333-333333333333';

export const patient: PatientOut = {
  id: PATIENT_ID,
  mrn: 'CK00000123',
  status: 'active',
  mergedInto: null,
  version: 3,
  family: 'Testwood',
  given: 'Amelia',
  middle: 'Rose',
  suffix: null,
  birthDate: '1980-04-12',
  sexAtBirth: 'F',
  genderIdentity: null,
  ssnMasked: '***-**-1234',
  email: 'amelia@example.org',
  preferredLanguage: 'English',
  race: ['white', 'asian'],
  ethnicity: 'not_hispanic_or_latino',
  maritalStatus: 'married',
  dateOfDeath: null,
  phones: [{ use: 'mobile', number: '617-555-0101' }],
  emergencyContact: { name: 'Ben Testwood', relationship: 'spouse', phone: '617-555-0102' },
  guarantor: null,
  address: null,
  addressHistory: [
    {
      id: 'a1',
      line1: '1 Sample St',
      line2: null,
      city: 'Boston',
      state: 'MA',
      postalCode: '02139',
      country: 'US',
      current: true,
      validFrom: '2024-01-01',
      validTo: null,
    },
    {
      id: 'a0',
      line1: '9 Old Rd',
      line2: 'Apt 2',
      city: 'Salem',
      state: 'MA',
      postalCode: '01970',
      country: 'US',
      current: false,
      validFrom: '2010-01-01',
      validTo: '2023-12-31',
    },
  ],
  otherNames: [{ kind: 'maiden', family: 'Samplers', given: null }],
  identifiers: [{ id: 'i1', kind: 'drivers_license', system: 'MA RMV', value: 'S12345678' }],
  coverage: [
    {
      id: '44444444-4444-4444-8444-444444444444',
      priority: 'primary',
      payer: 'Example Health Plan',
      plan: 'Gold PPO',
      memberId: 'XEH123456',
      groupNumber: 'G-1',
      subscriberName: 'Amelia Testwood',
      relationship: 'self',
      effectiveFrom: '2025-01-01',
      effectiveTo: null,
    },
  ],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

export function entry(
  kind: ChartEntry['kind'],
  data: Record<string, unknown>,
  over: Partial<ChartEntry> = {},
) {
  return {
    ...stamps,
    id: '55555555-5555-4555-8555-555555555555',
    patientId: PATIENT_ID,
    encounterId: null,
    kind,
    data,
    ...over,
  } as ChartEntry;
}

export const encounter: Encounter = {
  ...stamps,
  id: ENCOUNTER_ID,
  patientId: PATIENT_ID,
  class: 'inpatient',
  type: 'Admission',
  status: 'completed',
  startsAt: '2026-11-19T08:00:00.000Z',
  providerId: '66666666-6666-4666-8666-666666666666',
  location: 'Ward 4B',
  reason: 'Chest pain',
  dischargedAt: '2026-11-21T12:00:00.000Z',
  dischargeDisposition: 'Home',
  disposition: null,
  followUp: null,
  allowedTransitions: [],
};

export const document: ChartDocument = {
  ...stamps,
  id: '77777777-7777-4777-8777-777777777777',
  patientId: PATIENT_ID,
  encounterId: ENCOUNTER_ID,
  documentType: 'lab_report',
  serviceDate: '2026-11-20',
  title: 'CBC panel',
  mediaType: 'application/pdf',
  sizeBytes: 4,
  sha256: 'ab'.repeat(32),
};
