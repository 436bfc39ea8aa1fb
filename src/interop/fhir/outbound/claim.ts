import type {
  Claim,
  ClaimResponse,
  ClaimResponseItemAdjudication,
  CodeableConcept,
  ExplanationOfBenefit,
  Money,
} from '@medplum/fhirtypes';
import type { Adjudication, ClaimAnswerForFhir, ClaimForFhir } from '../../../billing/index.ts';
import { codeable, compact, patientRef, SYSTEMS } from './common.ts';

/** Code systems of the claim resources (R4 terminologies; X12 code lists by their x12.org names). */
export const CLAIM_SYSTEMS = {
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  relatedClaim: 'http://terminology.hl7.org/CodeSystem/related-claim-relationship',
  paymentType: 'http://terminology.hl7.org/CodeSystem/ex-paymenttype',
  pos: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  revenue: 'https://www.nubc.org/CodeSystem/RevenueCodes',
  carcGroup: 'https://x12.org/codes/claim-adjustment-group-codes',
  carc: 'https://x12.org/codes/claim-adjustment-reason-codes',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  pcn: 'urn:chartkeeper:claim-patient-control-number',
  payerClaim: 'urn:chartkeeper:payer-claim-number',
} as const;

const usd = (value: number): Money => ({ value, currency: 'USD' });
const category = (code: string) => codeable(CLAIM_SYSTEMS.adjudication, code);
const claimType = (t: 'P' | 'I') =>
  codeable(CLAIM_SYSTEMS.claimType, t === 'P' ? 'professional' : 'institutional');
const dotted = (c: string) => (c.includes('.') || c.length <= 3 ? c : `${c.slice(0, 3)}.${c.slice(3)}`);

/** A CAS adjustment as an adjudication: the X12 group as category, the CARC as reason. */
function casAdjudication(a: Adjudication): ClaimResponseItemAdjudication {
  return {
    category: codeable(CLAIM_SYSTEMS.carcGroup, a.group),
    reason: codeable(CLAIM_SYSTEMS.carc, a.reason),
    amount: usd(a.amount),
  };
}

/** Claim.status: not yet sent is draft, a void is cancelled, the rest active (R4 fm-status). */
function claimStatus(s: ClaimForFhir['status']): Claim['status'] {
  if (s === 'draft' || s === 'scrubbed' || s === 'ready') return 'draft';
  return s === 'void' ? 'cancelled' : 'active';
}

function productOrService(system: string, code: string): CodeableConcept {
  return codeable(system === 'hcpcs' ? SYSTEMS.hcpcs : SYSTEMS.cpt, code);
}

/** Claim.diagnosis / EOB.diagnosis: ICD-10-CM in claim order (HI), sequence = the line pointers' target. */
const diagnosesOf = (c: ClaimForFhir) =>
  c.diagnoses.map((d, i) => ({
    sequence: i + 1,
    diagnosisCodeableConcept: codeable(SYSTEMS.icd10cm, dotted(d.code)),
  }));

const provider = (c: ClaimForFhir) =>
  c.provider
    ? { identifier: { system: CLAIM_SYSTEMS.npi, value: c.provider.npi }, display: c.provider.name }
    : { display: 'Billing provider not on file' };

/**
 * Our claim as an R4 Claim (claim.html): type professional/institutional (837P/837I), the patient, the
 * billing provider by NPI, the payer (insurer), the coverage it was built for with the prior
 * authorization (insurance.preAuthRef, REF*G1), ICD-10-CM diagnoses in claim order (HI) and the lines
 * (SV1/SV2) with their diagnosis pointers; `related` names the claim a COB claim follows or a corrected
 * claim replaces.
 */
export function claimToFhir(c: ClaimForFhir): Claim {
  const related = [
    ...(c.priorClaimId
      ? [
          {
            claim: { reference: `Claim/${c.priorClaimId}` },
            relationship: codeable(CLAIM_SYSTEMS.relatedClaim, 'prior'),
          },
        ]
      : []),
    ...(c.originalClaimId
      ? [
          {
            claim: { reference: `Claim/${c.originalClaimId}` },
            relationship: codeable(CLAIM_SYSTEMS.relatedClaim, 'prior'),
          },
        ]
      : []),
  ];
  return compact<Claim>({
    resourceType: 'Claim',
    id: c.id,
    meta: { versionId: String(c.version), lastUpdated: c.updatedAt },
    identifier: [{ system: CLAIM_SYSTEMS.pcn, value: c.patientControlNumber }],
    status: claimStatus(c.status),
    type: claimType(c.type),
    use: 'claim',
    patient: patientRef(c.patientId),
    billablePeriod: { start: c.serviceFrom, end: c.serviceTo },
    created: c.createdAt,
    insurer: { display: c.payerName, ...(c.payerId ? { identifier: { value: c.payerId } } : {}) },
    provider: provider(c),
    priority: codeable(CLAIM_SYSTEMS.processPriority, 'normal'),
    related,
    insurance: [
      compact({
        sequence: 1,
        focal: true,
        coverage: { reference: `Coverage/${c.coverageId}` },
        preAuthRef: c.priorAuthNumber ? [c.priorAuthNumber] : undefined,
      }),
    ],
    diagnosis: diagnosesOf(c),
    item: c.lines.map((l) =>
      compact({
        sequence: l.lineNo,
        diagnosisSequence: l.diagnosisPointers,
        revenue: l.revenueCode ? codeable(CLAIM_SYSTEMS.revenue, l.revenueCode) : undefined,
        productOrService: productOrService(l.codeSystem, l.code),
        modifier: l.modifiers.map((m) => codeable(SYSTEMS.cpt, m)),
        servicedDate: l.serviceDate,
        locationCodeableConcept: l.placeOfService ? codeable(CLAIM_SYSTEMS.pos, l.placeOfService) : undefined,
        quantity: { value: l.units },
        net: usd(l.charge),
      }),
    ),
    total: usd(c.charge),
  });
}

/** CLP02 in words (X12 835 claim status codes). */
const DISPOSITION: Record<string, string> = {
  '1': 'Processed as primary',
  '2': 'Processed as secondary',
  '3': 'Processed as tertiary',
  '4': 'Denied',
  '19': 'Processed as primary, forwarded to additional payer(s)',
  '20': 'Processed as secondary, forwarded to additional payer(s)',
  '21': 'Processed as tertiary, forwarded to additional payer(s)',
  '22': 'Reversal of previous payment',
  '23': 'Not our claim, forwarded to additional payer(s)',
  '25': 'Predetermination pricing only - no payment',
};

/**
 * A payer's answer (835 CLP) as an R4 ClaimResponse (claimresponse.html): the request is our Claim,
 * each service line's adjudication (submitted, eligible = AMT*B6 allowed, benefit = paid, and each CAS
 * group/CARC), claim-level CAS, totals and the payment with its check/EFT trace (TRN02).
 */
export function claimResponseToFhir(a: ClaimAnswerForFhir): ClaimResponse {
  return compact<ClaimResponse>({
    resourceType: 'ClaimResponse',
    id: a.id,
    meta: { versionId: '1', lastUpdated: a.importedAt },
    identifier: a.payerClaimNumber ? [{ system: CLAIM_SYSTEMS.payerClaim, value: a.payerClaimNumber }] : [],
    status: 'active',
    type: claimType(a.type),
    use: 'claim',
    patient: patientRef(a.patientId),
    created: a.importedAt,
    insurer: { display: a.payerName, ...(a.payerId ? { identifier: { value: a.payerId } } : {}) },
    request: { reference: `Claim/${a.claimId}` },
    outcome: 'complete',
    disposition: DISPOSITION[a.statusCode] ?? `Claim status ${a.statusCode}`,
    item: a.lines.flatMap((l) =>
      l.lineNos.slice(0, 1).map((n) => ({
        itemSequence: n,
        adjudication: [
          { category: category('submitted'), amount: usd(l.charge) },
          ...(l.allowed === null ? [] : [{ category: category('eligible'), amount: usd(l.allowed) }]),
          { category: category('benefit'), amount: usd(l.paid) },
          ...l.adjustments.map(casAdjudication),
        ],
      })),
    ),
    adjudication: a.adjustments.map(casAdjudication),
    total: [
      { category: category('submitted'), amount: usd(a.charge) },
      { category: category('benefit'), amount: usd(a.paid) },
    ],
    payment: compact({
      type: codeable(CLAIM_SYSTEMS.paymentType, a.paid === a.charge ? 'complete' : 'partial'),
      date: a.paymentDate ?? undefined,
      amount: usd(a.paid),
      identifier: a.traceNumber ? { value: a.traceNumber } : undefined,
    }),
    processNote: a.remarks.map((r, i) => ({ number: i + 1, text: `Remark ${r}` })),
  });
}

/**
 * Our claim with what its payer(s) decided as an R4 ExplanationOfBenefit (explanationofbenefit.html):
 * the claim's lines with their posted payment and adjustments (every 835 answer's CAS for that line),
 * totals submitted, benefit (paid) and the patient's share (X12 group PR), the latest ClaimResponse.
 */
export function eobToFhir(c: ClaimForFhir, answers: ClaimAnswerForFhir[]): ExplanationOfBenefit {
  const latest = answers.at(-1);
  const casFor = (lineNo: number) =>
    answers.flatMap((a) => a.lines.filter((l) => l.lineNos[0] === lineNo).flatMap((l) => l.adjustments));
  return compact<ExplanationOfBenefit>({
    resourceType: 'ExplanationOfBenefit',
    id: c.id,
    meta: { versionId: String(c.version), lastUpdated: c.updatedAt },
    identifier: [{ system: CLAIM_SYSTEMS.pcn, value: c.patientControlNumber }],
    status: c.status === 'void' ? 'cancelled' : 'active',
    type: claimType(c.type),
    use: 'claim',
    patient: patientRef(c.patientId),
    billablePeriod: { start: c.serviceFrom, end: c.serviceTo },
    created: c.createdAt,
    insurer: { display: c.payerName, ...(c.payerId ? { identifier: { value: c.payerId } } : {}) },
    provider: provider(c),
    outcome: 'complete',
    claim: { reference: `Claim/${c.id}` },
    claimResponse: latest ? { reference: `ClaimResponse/${latest.id}` } : undefined,
    insurance: [{ focal: true, coverage: { reference: `Coverage/${c.coverageId}` } }],
    diagnosis: diagnosesOf(c),
    item: c.lines.map((l) => ({
      sequence: l.lineNo,
      diagnosisSequence: l.diagnosisPointers,
      productOrService: productOrService(l.codeSystem, l.code),
      servicedDate: l.serviceDate,
      quantity: { value: l.units },
      net: usd(l.charge),
      adjudication: [
        { category: category('submitted'), amount: usd(l.charge) },
        { category: category('benefit'), amount: usd(l.paid) },
        ...casFor(l.lineNo).map(casAdjudication),
      ],
    })),
    total: [
      { category: category('submitted'), amount: usd(c.charge) },
      { category: category('benefit'), amount: usd(c.paid) },
      { category: codeable(CLAIM_SYSTEMS.carcGroup, 'PR'), amount: usd(c.patientResponsibility) },
    ],
    payment: { amount: usd(c.paid), ...(latest?.paymentDate ? { date: latest.paymentDate } : {}) },
  });
}
