import { describe, expect, it } from 'vitest';
import { accountingIsFree, classifyDisclosure, lookbackStart } from './accounting.ts';
import {
  type AuthorizationForm,
  checkAuthorization,
  failures,
  type ReleaseAsked,
} from './authorization-check.ts';
import { dueDate, HIPAA_CLOCKS, requestClock } from './deadlines.ts';
import { computeFees } from './fees.ts';
import { releaseRequirement } from './requirement.ts';

const validForm: AuthorizationForm = {
  description: 'Discharge summaries and lab results from 2025',
  coversAllRecords: false,
  recordTypes: ['discharge-summary', 'lab-result'],
  dateFrom: '2025-01-01',
  dateTo: '2025-12-31',
  sensitiveCategories: [],
  discloser: 'Riverside General Hospital',
  recipient: 'Acme Health Insurance',
  purpose: 'Claim review',
  expiresOn: '2027-01-01',
  expirationEvent: null,
  expirationEventOccurred: false,
  signed: true,
  signedOn: '2026-02-01',
  signedBy: 'patient',
  representativeAuthority: null,
  representativeAuthorityDocumented: false,
  statesRightToRevoke: true,
  statesConditioning: true,
  statesRedisclosure: true,
  revokedOn: null,
  psychotherapyOnly: false,
};
const asked: ReleaseAsked = {
  recipient: 'ACME health  insurance',
  purpose: 'insurance-underwriting',
  recordTypes: ['discharge-summary'],
  dateFrom: '2025-03-01',
  dateTo: '2025-06-30',
  categoriesPresent: [],
  patientDeceased: false,
};
const today = '2026-03-02';

describe('when an authorization is required', () => {
  it('is not for the patient, treatment, payment, operations or 164.512 categories', () => {
    expect(releaseRequirement('patient', 'right-of-access', []).authorizationRequired).toBe(false);
    expect(releaseRequirement('treating-provider', 'treatment', []).authorizationRequired).toBe(false);
    expect(releaseRequirement('court-order', 'judicial-order', []).authorizationRequired).toBe(false);
    expect(releaseRequirement('attorney', 'legal', []).authorizationRequired).toBe(true);
    expect(releaseRequirement('subpoena', 'legal', []).authorizationRequired).toBe(true);
    expect(releaseRequirement('employer', 'employment', []).authorizationRequired).toBe(true);
  });

  it('always is for psychotherapy notes, and Part 2 records need Part 2 consent, except for the patient', () => {
    const r = releaseRequirement('treating-provider', 'treatment', ['psychotherapy', 'substance_use_part2']);
    expect(r.psychotherapyAuthorizationRequired).toBe(true);
    expect(r.part2ConsentRequired).toBe(true);
    expect(
      releaseRequirement('patient', 'right-of-access', ['substance_use_part2']).part2ConsentRequired,
    ).toBe(false);
  });

  it('applies minimum necessary except to treatment, the patient and required-by-law', () => {
    expect(releaseRequirement('payer', 'payment', []).minimumNecessary).toBe(true);
    expect(releaseRequirement('treating-provider', 'treatment', []).minimumNecessary).toBe(false);
    expect(releaseRequirement('patient', 'right-of-access', []).minimumNecessary).toBe(false);
  });
});

describe('authorization check (45 CFR 164.508)', () => {
  it('passes a complete, current authorization that covers the request (recipient compared loosely)', () => {
    expect(failures(checkAuthorization(validForm, asked, today))).toEqual([]);
  });

  it('lists every failing element by name', () => {
    const bad = {
      ...validForm,
      signed: false,
      expiresOn: '2026-01-01',
      statesRedisclosure: false,
      recipient: 'Someone Else',
    };
    expect(failures(checkAuthorization(bad, asked, today)).map((f) => f.element)).toEqual([
      'signature',
      'redisclosure',
      'not-expired',
      'recipient-match',
    ]);
  });

  it('refuses revoked authorizations, requests outside scope, and psychotherapy notes under a general authorization', () => {
    const revoked = failures(checkAuthorization({ ...validForm, revokedOn: '2026-02-15' }, asked, today));
    expect(revoked.map((f) => f.element)).toEqual(['not-revoked']);
    const scope = failures(
      checkAuthorization(
        validForm,
        { ...asked, recordTypes: ['operative-report'], dateTo: '2026-01-31' },
        today,
      ),
    );
    expect(scope.map((f) => f.element)).toEqual(['scope-types', 'scope-dates']);
    const psych = failures(
      checkAuthorization(
        validForm,
        { ...asked, categoriesPresent: ['psychotherapy', 'substance_use_part2'] },
        today,
      ),
    );
    expect(psych.map((f) => f.element)).toEqual(['psychotherapy-notes', 'part2-consent']);
  });

  it('requires documented authority when the patient is deceased', () => {
    const f = failures(
      checkAuthorization(
        { ...validForm, signedBy: 'representative', representativeAuthority: 'Executor' },
        { ...asked, patientDeceased: true },
        today,
      ),
    );
    expect(f.map((x) => x.element)).toEqual(['representative-authority']);
  });
});

describe('deadlines', () => {
  it('gives the right of access 30 days plus one 30-day extension granted in time', () => {
    expect(dueDate('2026-01-10', HIPAA_CLOCKS.access)).toBe('2026-02-09');
    expect(dueDate('2026-01-10', HIPAA_CLOCKS.access, { grantedOn: '2026-02-01' })).toBe('2026-03-11');
    expect(dueDate('2026-01-10', HIPAA_CLOCKS.access, { grantedOn: '2026-02-20' })).toBe('2026-02-09');
    expect(requestClock('patient')).toBe(HIPAA_CLOCKS.access);
    expect(dueDate('2026-01-10', HIPAA_CLOCKS.amendment)).toBe('2026-03-11');
  });
});

describe('fees', () => {
  it('caps the patient electronic copy at the flat fee and charges no retrieval to patients', () => {
    expect(computeFees('patient', 'electronic', 400).total).toBe(6.5);
    expect(computeFees('patient', 'mail', 100).lines.some((l) => /retrieval/i.test(l.item))).toBe(false);
    expect(computeFees('third-party', 'mail', 100).total).toBe(15 + 50 + 1.5);
  });
});

describe('accounting of disclosures (45 CFR 164.528)', () => {
  it('classifies exempt and accountable disclosures', () => {
    expect(classifyDisclosure('payer', 'payment', false)).toMatchObject({
      accountable: false,
      exemptCategory: 'tpo',
    });
    expect(classifyDisclosure('attorney', 'legal', true)).toMatchObject({
      accountable: false,
      exemptCategory: 'authorization',
    });
    expect(classifyDisclosure('court-order', 'judicial-order', false).accountable).toBe(true);
    expect(classifyDisclosure('government-agency', 'public-health', false).accountable).toBe(true);
  });

  it('looks back six years and gives the first accounting in 12 months free', () => {
    expect(lookbackStart('2026-03-02')).toBe('2020-03-02');
    expect(accountingIsFree([], '2026-03-02')).toBe(true);
    expect(accountingIsFree(['2025-06-01'], '2026-03-02')).toBe(false);
    expect(accountingIsFree(['2025-03-01'], '2026-03-02')).toBe(true);
  });
});
