import type { CodingFinding } from '../../coding/index.ts';
import { type CobDetails, cobBalanceProblems } from '../remit/cob.ts';
import { isTaxonomy, isValidNpi } from './npi.ts';

/** One-click fixes the biller can apply from a finding (see scrubber fixes). */
export type FixKind = 'recompute_total' | 'trim_pointers' | 'set_prior_auth';

/** A scrubber finding: coded, with a message the biller can act on. Errors keep the claim from leaving. */
export interface ScrubFinding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** The claim line the finding is about (1-based), when it is about one line. */
  line?: number | undefined;
  /** A fix the claim screen offers as one click (a prior-auth number asks for the number first). */
  fix?: FixKind | undefined;
}

export interface ProviderFacts {
  name: string;
  npi: string;
  taxonomy: string | null;
  address: { line1?: string; city?: string; state?: string; postalCode?: string } | null;
  taxId: string | null;
}

export interface ScrubLine {
  lineNo: number;
  code: string;
  modifiers: string[];
  units: number;
  serviceDate: string;
  diagnosisPointers: number[];
  revenueCode: string | null;
  renderingUserId: string | null;
  charge: number;
}

/** Everything the pure scrubber edits need about one claim, looked up beforehand by the service. */
export interface ScrubInput {
  type: 'P' | 'I';
  serviceFrom: string;
  serviceTo: string;
  charge: number;
  diagnoses: { code: string }[];
  lines: ScrubLine[];
  /** The coverage the claim was built for, as the patient index has it now (null: no longer active). */
  coverage: {
    memberId: string;
    subscriberName: string;
    relationship: string;
    effectiveFrom: string;
    effectiveTo: string | null;
  } | null;
  patient: {
    familyName: string;
    givenName: string;
    birthDate: string | null;
    sex: string;
    address: { line1: string; city: string; state: string; postalCode: string } | null;
  } | null;
  payer: { payerId: string; timelyFilingDays: number; priorAuthCodes: string[] } | null;
  billingProvider: ProviderFacts | null;
  /** Rendering providers by user id (a line's rendering provider missing here has no NPI on file). */
  renderingProviders: Map<string, ProviderFacts>;
  /** The prior authorization number on file for the claim, if any. */
  priorAuthNumber: string | null;
  /** The coding edits re-run on the claim's codes today. */
  codingFindings: CodingFinding[];
  /** Today (the clock's date, YYYY-MM-DD). */
  today: string;
  /** COB: the earlier payer's decision on a secondary or tertiary claim. */
  cob?: CobDetails | null | undefined;
}

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const cents = (n: number) => Math.round(n * 100);

/** 837P: 12 diagnosis codes on a claim (HI01–HI12); 837I: principal + 24 other (ABK + ABF). */
export const MAX_DIAGNOSES = { P: 12, I: 25 } as const;
/** 837P SV107: up to 4 diagnosis pointers per line. */
export const MAX_POINTERS = 4;
/** Days before the timely-filing limit at which the scrubber warns. */
export const TIMELY_FILING_WARN_DAYS = 14;

function codingEdits(c: ScrubInput): ScrubFinding[] {
  return c.codingFindings.map((f) => ({
    code: `CODING_${f.edit}`,
    severity: f.severity,
    message: `Coding edit: ${f.message}${f.severity === 'error' ? ' Ask coding to re-open and correct the encounter; the claim is rebuilt from the corrected codes.' : ''}`,
  }));
}

function coverageEdits(c: ScrubInput): ScrubFinding[] {
  const cov = c.coverage;
  if (!cov)
    return [
      {
        code: 'COVERAGE_NOT_ACTIVE',
        severity: 'error',
        message:
          'The coverage this claim was built for is no longer active in the patient index. Check the coverage with registration, then rebuild the claim.',
      },
    ];
  const out: ScrubFinding[] = [];
  if (cov.effectiveFrom > c.serviceFrom || (cov.effectiveTo !== null && cov.effectiveTo < c.serviceTo))
    out.push({
      code: 'COVERAGE_NOT_IN_FORCE',
      severity: 'error',
      message: `The coverage is in force ${cov.effectiveFrom} to ${cov.effectiveTo ?? 'open'}, which does not cover the service dates ${c.serviceFrom} to ${c.serviceTo}. Verify eligibility or bill the payer in force on those dates.`,
    });
  return out;
}

function subscriberEdits(c: ScrubInput): ScrubFinding[] {
  const out: ScrubFinding[] = [];
  const missing = (what: string, who: string) =>
    out.push({
      code: 'SUBSCRIBER_INCOMPLETE',
      severity: 'error',
      message: `The ${who} has no ${what}. Complete it in the patient index (registration), then scrub again.`,
    });
  const cov = c.coverage;
  if (cov) {
    if (!cov.memberId.trim()) missing('member id', 'subscriber');
    if (!cov.subscriberName.trim()) missing('name', 'subscriber');
  }
  const p = c.patient;
  if (!p) {
    out.push({
      code: 'PATIENT_NOT_VISIBLE',
      severity: 'error',
      message: "The patient's demographics could not be read for this claim (record restricted or merged).",
    });
    return out;
  }
  if (!p.familyName.trim() || !p.givenName.trim()) missing('full name', 'patient');
  if (!p.birthDate) missing('date of birth', 'patient');
  const a = p.address;
  if (!a?.line1.trim() || !a.city.trim() || !a.state.trim() || !a.postalCode.trim())
    missing('complete current address (street, city, state, ZIP)', 'patient');
  if (!c.payer)
    out.push({
      code: 'PAYER_UNKNOWN',
      severity: 'error',
      message:
        "The coverage's payer is not in the payer list, so the claim has no payer id. Add the payer (billing payers load) or correct the coverage's payer name.",
    });
  return out;
}

function providerEdits(c: ScrubInput): ScrubFinding[] {
  const out: ScrubFinding[] = [];
  const bp = c.billingProvider;
  if (!bp) {
    out.push({
      code: 'BILLING_PROVIDER_MISSING',
      severity: 'error',
      message:
        'No billing provider (organisation NPI, taxonomy, tax id, address) is on file. Add one with `billing providers load`.',
    });
  } else {
    if (!isValidNpi(bp.npi))
      out.push({
        code: 'NPI_INVALID',
        severity: 'error',
        message: `The billing provider's NPI ${bp.npi} fails the check digit (Luhn with the 80840 prefix). Correct it in the provider list.`,
      });
    if (!isTaxonomy(bp.taxonomy))
      out.push({
        code: 'TAXONOMY_MISSING',
        severity: 'error',
        message: `The billing provider ${bp.name} has no valid taxonomy code (10 characters ending in X, e.g. 207Q00000X). Add it to the provider list.`,
      });
    if (!bp.taxId || !/^\d{9}$/.test(bp.taxId))
      out.push({
        code: 'TAX_ID_MISSING',
        severity: 'error',
        message: `The billing provider ${bp.name} has no 9-digit tax id (EIN). Add it to the provider list.`,
      });
    const a = bp.address;
    if (!a?.line1 || !a.city || !a.state || !a.postalCode)
      out.push({
        code: 'BILLING_ADDRESS_INCOMPLETE',
        severity: 'error',
        message: `The billing provider ${bp.name} needs a street address with city, state and ZIP (no PO box).`,
      });
  }
  const seen = new Set<string>();
  for (const l of c.lines) {
    if (!l.renderingUserId || seen.has(l.renderingUserId)) continue;
    seen.add(l.renderingUserId);
    const rp = c.renderingProviders.get(l.renderingUserId);
    if (!rp) {
      out.push({
        code: 'RENDERING_PROVIDER_MISSING',
        severity: 'error',
        line: l.lineNo,
        message: `The rendering provider of line ${l.lineNo} has no NPI on file. Add them to the provider list (billing providers load).`,
      });
      continue;
    }
    if (!isValidNpi(rp.npi))
      out.push({
        code: 'NPI_INVALID',
        severity: 'error',
        line: l.lineNo,
        message: `The NPI ${rp.npi} of rendering provider ${rp.name} fails the check digit (Luhn with the 80840 prefix). Correct it in the provider list.`,
      });
    if (!isTaxonomy(rp.taxonomy))
      out.push({
        code: 'TAXONOMY_MISSING',
        severity: 'error',
        line: l.lineNo,
        message: `Rendering provider ${rp.name} has no valid taxonomy code. Add it to the provider list.`,
      });
  }
  return out;
}

function diagnosisEdits(c: ScrubInput): ScrubFinding[] {
  const out: ScrubFinding[] = [];
  const n = c.diagnoses.length;
  if (n === 0)
    out.push({
      code: 'DIAGNOSIS_MISSING',
      severity: 'error',
      message: 'The claim has no diagnosis. Ask coding to add the diagnoses and re-finalize the encounter.',
    });
  const max = MAX_DIAGNOSES[c.type];
  if (n > max)
    out.push({
      code: 'TOO_MANY_DIAGNOSES',
      severity: 'error',
      message: `The claim carries ${n} diagnosis codes; an ${c.type === 'P' ? '837P takes 12' : '837I takes 25'}. Ask coding which to keep (the lines may point at the first ${Math.min(max, 12)} only).`,
    });
  if (c.type !== 'P') return out;
  const reach = Math.min(n, MAX_DIAGNOSES.P);
  for (const l of c.lines) {
    const p = l.diagnosisPointers;
    if (p.length === 0)
      out.push({
        code: 'POINTER_MISSING',
        severity: 'error',
        line: l.lineNo,
        message: `Line ${l.lineNo} (${l.code}) points at no diagnosis; each line needs 1 to 4 pointers.`,
        ...(n > 0 ? { fix: 'trim_pointers' as const } : {}),
      });
    else if (p.length > MAX_POINTERS || new Set(p).size !== p.length)
      out.push({
        code: 'POINTERS_TOO_MANY',
        severity: 'error',
        line: l.lineNo,
        message: `Line ${l.lineNo} (${l.code}) has ${p.length} diagnosis pointers${new Set(p).size !== p.length ? ' with repeats' : ''}; an 837P line takes at most 4 distinct ones. Keep the first four.`,
        fix: 'trim_pointers',
      });
    const bad = p.filter((x) => !Number.isInteger(x) || x < 1 || x > reach);
    if (bad.length > 0)
      out.push({
        code: 'POINTER_INVALID',
        severity: 'error',
        line: l.lineNo,
        message: `Line ${l.lineNo} (${l.code}) points at diagnosis ${bad.join(', ')}, but the claim has ${reach}. Drop the pointers that lead nowhere.`,
        fix: 'trim_pointers',
      });
  }
  return out;
}

function lineEdits(c: ScrubInput): ScrubFinding[] {
  const out: ScrubFinding[] = [];
  if (c.lines.length === 0)
    out.push({ code: 'NO_LINES', severity: 'error', message: 'The claim has no service lines.' });
  if (c.type === 'P' && c.lines.length > 50)
    out.push({
      code: 'TOO_MANY_LINES',
      severity: 'error',
      message: `The claim has ${c.lines.length} lines; an 837P claim takes 50. Split it.`,
    });
  for (const l of c.lines) {
    if (l.charge <= 0)
      out.push({
        code: 'LINE_NOT_PRICED',
        severity: 'error',
        line: l.lineNo,
        message: `Line ${l.lineNo} (${l.code}) has no charge: no fee for ${l.code} was in force on ${l.serviceDate}. Add the fee (billing charges load-fees) and rebuild the claim.`,
      });
    if (c.type === 'I' && !l.revenueCode)
      out.push({
        code: 'REVENUE_CODE_MISSING',
        severity: 'error',
        line: l.lineNo,
        message: `Line ${l.lineNo} (${l.code}) has no revenue code, which an 837I line needs. Add the revenue code to the fee schedule row.`,
      });
    if (l.serviceDate < c.serviceFrom || l.serviceDate > c.serviceTo)
      out.push({
        code: 'LINE_DATE_OUTSIDE_CLAIM',
        severity: 'error',
        line: l.lineNo,
        message: `Line ${l.lineNo} is dated ${l.serviceDate}, outside the claim's service dates ${c.serviceFrom} to ${c.serviceTo}.`,
      });
  }
  const sum = c.lines.reduce((s, l) => s + cents(l.charge), 0);
  if (sum !== cents(c.charge))
    out.push({
      code: 'TOTAL_MISMATCH',
      severity: 'error',
      message: `The claim total ${c.charge.toFixed(2)} is not the sum of its lines ${(sum / 100).toFixed(2)} (CLM02 must equal the line charges). Recompute the total.`,
      fix: 'recompute_total',
    });
  return out;
}

function timelyFilingEdits(c: ScrubInput): ScrubFinding[] {
  if (!c.payer) return [];
  const age = daysBetween(c.serviceTo, c.today);
  const left = c.payer.timelyFilingDays - age;
  if (left < 0)
    return [
      {
        code: 'TIMELY_FILING_PASSED',
        severity: 'error',
        message: `The payer's timely-filing limit of ${c.payer.timelyFilingDays} days from ${c.serviceTo} passed ${-left} days ago. The payer will deny it (CARC 29) unless you hold proof of timely filing; write it off or appeal with the proof.`,
      },
    ];
  if (left <= TIMELY_FILING_WARN_DAYS)
    return [
      {
        code: 'TIMELY_FILING_NEAR',
        severity: 'warning',
        message: `Only ${left} days are left of the payer's ${c.payer.timelyFilingDays}-day timely-filing limit: send this claim in the next batch.`,
      },
    ];
  return [];
}

function priorAuthEdits(c: ScrubInput): ScrubFinding[] {
  if (!c.payer || c.priorAuthNumber) return [];
  const needs = new Set(c.payer.priorAuthCodes.map((x) => x.toUpperCase()));
  const lines = c.lines.filter((l) => needs.has(l.code.toUpperCase()));
  if (lines.length === 0) return [];
  return [
    {
      code: 'PRIOR_AUTH_MISSING',
      severity: 'error',
      line: lines[0]?.lineNo,
      message: `Payer ${c.payer.payerId} requires a prior authorization for ${[...new Set(lines.map((l) => l.code))].join(', ')} (line ${lines.map((l) => l.lineNo).join(', ')}), and none is on the claim. Enter the authorization number (REF*G1) or obtain one.`,
      fix: 'set_prior_auth',
    },
  ];
}

/** A claim to a later payer carries the earlier payer's decision; it must balance (837 2320/2430 notes). */
function cobEdits(c: ScrubInput): ScrubFinding[] {
  const cob = c.cob;
  if (!cob) return [];
  const charges = new Map(c.lines.map((l) => [l.lineNo, l.charge]));
  return cobBalanceProblems(cob, charges, c.charge).map((p) => ({
    code: 'COB_OUT_OF_BALANCE',
    severity: 'error' as const,
    message: `The earlier payer's amounts on this claim do not balance (${p}). Check the 835 posted to claim ${cob.priorPatientControlNumber}; the claim cannot leave until they do.`,
  }));
}

/**
 * The claim scrubber: every edit a claim must pass before it can leave in an 837. Pure; errors first,
 * then warnings, each group in the order the edits ran.
 */
export function scrubClaim(c: ScrubInput): ScrubFinding[] {
  const all = [
    ...codingEdits(c),
    ...coverageEdits(c),
    ...subscriberEdits(c),
    ...providerEdits(c),
    ...diagnosisEdits(c),
    ...lineEdits(c),
    ...timelyFilingEdits(c),
    ...priorAuthEdits(c),
    ...cobEdits(c),
  ];
  return [...all.filter((f) => f.severity === 'error'), ...all.filter((f) => f.severity === 'warning')];
}

/** The status a scrub leaves a claim in: `ready` when no error remains, else `scrubbed` (to be worked). */
export const statusAfterScrub = (findings: ScrubFinding[]): 'scrubbed' | 'ready' =>
  findings.some((f) => f.severity === 'error') ? 'scrubbed' : 'ready';
