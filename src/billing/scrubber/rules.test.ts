import { describe, expect, it } from 'vitest';
import { readProviderFile } from '../providers/provider-file.ts';
import { isTaxonomy, isValidNpi } from './npi.ts';
import { type ScrubInput, scrubClaim, statusAfterScrub } from './rules.ts';

const provider = {
  name: 'Synthetic Health Clinic',
  npi: '1234567893',
  taxonomy: '261QM1300X',
  taxId: '123456789',
  address: { line1: '100 Main Street', city: 'Springfield', state: 'IL', postalCode: '62701' },
};
const RENDERER = '00000000-0000-4000-8000-00000000000a';

const clean = (): ScrubInput => ({
  type: 'P',
  serviceFrom: '2026-02-10',
  serviceTo: '2026-02-10',
  charge: 132,
  diagnoses: [{ code: 'E119' }, { code: 'I10' }],
  lines: [
    {
      lineNo: 1,
      code: '99213',
      modifiers: [],
      units: 1,
      serviceDate: '2026-02-10',
      diagnosisPointers: [1, 2],
      revenueCode: null,
      renderingUserId: RENDERER,
      charge: 120,
    },
    {
      lineNo: 2,
      code: '36415',
      modifiers: [],
      units: 1,
      serviceDate: '2026-02-10',
      diagnosisPointers: [1],
      revenueCode: null,
      renderingUserId: RENDERER,
      charge: 12,
    },
  ],
  coverage: {
    memberId: 'SM-1',
    subscriberName: 'Sub Scriber',
    relationship: 'self',
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
  },
  patient: {
    familyName: 'Doe',
    givenName: 'Jan',
    birthDate: '1961-04-02',
    sex: 'F',
    address: { line1: '12 Elm Street', city: 'Springfield', state: 'IL', postalCode: '62704' },
  },
  payer: { payerId: 'SYNM1', timelyFilingDays: 180, priorAuthCodes: ['71046'] },
  billingProvider: structuredClone(provider),
  renderingProviders: new Map([
    [RENDERER, { ...provider, name: 'Dr Test', npi: '1987654328', taxonomy: '207Q00000X' }],
  ]),
  priorAuthNumber: null,
  codingFindings: [],
  today: '2026-03-02',
});

const run = (change: (c: ScrubInput) => void) => {
  const c = clean();
  change(c);
  return scrubClaim(c);
};
const codesOf = (change: (c: ScrubInput) => void) => run(change).map((f) => f.code);

describe('NPI check digit (Luhn with the 80840 prefix)', () => {
  it('accepts the CMS worked example and refuses a wrong check digit or shape', () => {
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1987654328')).toBe(true);
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('3234567893')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
  });
  it('knows a taxonomy code', () => {
    expect(isTaxonomy('207Q00000X')).toBe(true);
    expect(isTaxonomy('207Q00000')).toBe(false);
    expect(isTaxonomy(null)).toBe(false);
  });
});

describe('claim scrubber edits', () => {
  it('passes a clean claim, which becomes ready', () => {
    expect(scrubClaim(clean())).toEqual([]);
    expect(statusAfterScrub([])).toBe('ready');
  });

  it('carries every coding edit that no longer passes, with its severity', () => {
    const f = run((c) => {
      c.codingFindings = [
        {
          edit: 'CODE_NOT_VALID_ON_DATE',
          severity: 'error',
          message: 'E11.9 is not valid.',
          codes: ['E11.9'],
        },
        { edit: 'MUE', severity: 'warning', message: 'Units exceed.', codes: [] },
      ];
    });
    expect(f.map((x) => [x.code, x.severity])).toEqual([
      ['CODING_CODE_NOT_VALID_ON_DATE', 'error'],
      ['CODING_MUE', 'warning'],
    ]);
    expect(f[0]?.message).toMatch(/re-open/);
    expect(statusAfterScrub(f)).toBe('scrubbed');
  });

  it('needs coverage active on the dates of service', () => {
    expect(
      codesOf((c) => {
        c.coverage = null;
      }),
    ).toEqual(['COVERAGE_NOT_ACTIVE']);
    expect(
      codesOf((c) => {
        if (c.coverage) c.coverage.effectiveTo = '2026-02-09';
      }),
    ).toEqual(['COVERAGE_NOT_IN_FORCE']);
    expect(
      codesOf((c) => {
        if (c.coverage) c.coverage.effectiveFrom = '2026-02-11';
      }),
    ).toEqual(['COVERAGE_NOT_IN_FORCE']);
  });

  it('needs complete subscriber and patient data and a known payer', () => {
    expect(
      codesOf((c) => {
        if (c.coverage) c.coverage.memberId = ' ';
      }),
    ).toEqual(['SUBSCRIBER_INCOMPLETE']);
    expect(
      codesOf((c) => {
        if (c.patient) c.patient.address = null;
      }),
    ).toEqual(['SUBSCRIBER_INCOMPLETE']);
    expect(
      codesOf((c) => {
        if (c.patient) c.patient.birthDate = null;
      }),
    ).toEqual(['SUBSCRIBER_INCOMPLETE']);
    expect(
      codesOf((c) => {
        c.patient = null;
      }),
    ).toEqual(['PATIENT_NOT_VISIBLE']);
    expect(
      codesOf((c) => {
        c.payer = null;
      }),
    ).toEqual(['PAYER_UNKNOWN']);
  });

  it('checks NPI check digits, taxonomy, tax id and address of billing and rendering providers', () => {
    expect(
      codesOf((c) => {
        if (c.billingProvider) c.billingProvider.npi = '1234567890';
      }),
    ).toEqual(['NPI_INVALID']);
    expect(
      codesOf((c) => {
        if (c.billingProvider) c.billingProvider.taxonomy = null;
      }),
    ).toEqual(['TAXONOMY_MISSING']);
    expect(
      codesOf((c) => {
        if (c.billingProvider) c.billingProvider.taxId = null;
      }),
    ).toEqual(['TAX_ID_MISSING']);
    expect(
      codesOf((c) => {
        if (c.billingProvider) c.billingProvider.address = null;
      }),
    ).toEqual(['BILLING_ADDRESS_INCOMPLETE']);
    expect(
      codesOf((c) => {
        c.billingProvider = null;
      }),
    ).toEqual(['BILLING_PROVIDER_MISSING']);
    const r = run((c) => {
      const p = c.renderingProviders.get(RENDERER);
      if (p) p.npi = '1987654321';
    });
    expect(r).toEqual([expect.objectContaining({ code: 'NPI_INVALID', line: 1 })]);
    expect(codesOf((c) => c.renderingProviders.clear())).toEqual(['RENDERING_PROVIDER_MISSING']);
  });

  it('keeps diagnosis pointers valid: 1 to 4 per 837P line, pointing at one of at most 12 codes', () => {
    const five = run((c) => {
      c.diagnoses = ['A', 'B', 'C', 'D', 'E'].map((x) => ({ code: `Z0${x}` }));
      if (c.lines[0]) c.lines[0].diagnosisPointers = [1, 2, 3, 4, 5];
    });
    expect(five).toEqual([
      expect.objectContaining({ code: 'POINTERS_TOO_MANY', line: 1, fix: 'trim_pointers' }),
    ]);
    expect(
      codesOf((c) => {
        if (c.lines[1]) c.lines[1].diagnosisPointers = [3];
      }),
    ).toEqual(['POINTER_INVALID']);
    expect(
      codesOf((c) => {
        if (c.lines[1]) c.lines[1].diagnosisPointers = [];
      }),
    ).toEqual(['POINTER_MISSING']);
    expect(
      codesOf((c) => {
        if (c.lines[1]) c.lines[1].diagnosisPointers = [1, 1];
      }),
    ).toEqual(['POINTERS_TOO_MANY']);
    expect(codesOf((c) => (c.diagnoses = Array.from({ length: 13 }, (_, i) => ({ code: `Z${i}` }))))).toEqual(
      ['TOO_MANY_DIAGNOSES'],
    );
    expect(
      codesOf((c) => {
        c.diagnoses = [];
      }),
    ).toEqual(expect.arrayContaining(['DIAGNOSIS_MISSING', 'POINTER_INVALID']));
    // An 837I takes 25 diagnoses and has no line pointers.
    expect(
      codesOf((c) => {
        c.type = 'I';
        c.diagnoses = Array.from({ length: 13 }, (_, i) => ({ code: `Z${i}` }));
        for (const l of c.lines) l.revenueCode = '0510';
      }),
    ).toEqual([]);
  });

  it('needs the total to equal the sum of the lines, and priced lines', () => {
    expect(
      run((c) => {
        c.charge = 140;
      }),
    ).toEqual([expect.objectContaining({ code: 'TOTAL_MISMATCH', fix: 'recompute_total' })]);
    expect(
      codesOf((c) => {
        if (c.lines[1]) c.lines[1].charge = 0;
      }),
    ).toEqual(['LINE_NOT_PRICED', 'TOTAL_MISMATCH']);
    expect(
      codesOf((c) => {
        c.type = 'I';
      }),
    ).toEqual(['REVENUE_CODE_MISSING', 'REVENUE_CODE_MISSING']);
    expect(
      codesOf((c) => {
        if (c.lines[0]) c.lines[0].serviceDate = '2026-02-12';
      }),
    ).toEqual(['LINE_DATE_OUTSIDE_CLAIM']);
  });

  it("refuses a claim past the payer's timely-filing limit and warns when it is near", () => {
    expect(
      codesOf((c) => {
        c.today = '2026-07-20';
      }),
    ).toEqual([]);
    expect(
      run((c) => {
        c.today = '2026-07-30';
      }),
    ).toEqual([expect.objectContaining({ code: 'TIMELY_FILING_NEAR', severity: 'warning' })]);
    expect(
      run((c) => {
        c.today = '2026-08-11';
      }),
    ).toEqual([
      expect.objectContaining({
        code: 'TIMELY_FILING_PASSED',
        severity: 'error',
        message: expect.stringMatching(/2 days ago/),
      }),
    ]);
  });

  it('needs a prior authorization number where the payer rule says so', () => {
    const withXray = (c: ScrubInput) => {
      c.lines.push({
        ...(c.lines[1] as ScrubInput['lines'][number]),
        lineNo: 3,
        code: '71046',
        charge: 0.01,
      });
      c.charge = 132.01;
    };
    expect(run(withXray)).toEqual([
      expect.objectContaining({ code: 'PRIOR_AUTH_MISSING', line: 3, fix: 'set_prior_auth' }),
    ]);
    expect(
      codesOf((c) => {
        withXray(c);
        c.priorAuthNumber = 'AUTH-1';
      }),
    ).toEqual([]);
  });
});

describe('provider file', () => {
  const header = 'kind,username,name,npi,taxonomy,tax_id,line1,city,state,postal_code\n';
  it('reads the billing organisation and rendering providers', () => {
    const rows = readProviderFile(
      `${header}billing,,Clinic,1234567893,261QM1300X,12-3456789,1 Main St,Springfield,IL,62701\nrendering,drtest,Dr Test,1987654328,207Q00000X,,,,,\n`,
    );
    expect(rows).toMatchObject([
      { kind: 'billing', taxId: '123456789', address: { state: 'IL' } },
      { kind: 'rendering', username: 'drtest', address: null },
    ]);
  });
  it('rejects a bad NPI naming the line, and two billing providers', () => {
    expect(() => readProviderFile(`${header}billing,,Clinic,1234567890,,,,,,\n`)).toThrow(/Line 2 \(npi\)/);
    expect(() =>
      readProviderFile(`${header}billing,,A,1234567893,,,,,,\nbilling,,B,1234567893,,,,,,\n`),
    ).toThrow(/more than one billing provider/);
  });
});
